/**
 * generate-missing-materials-notice (一次性告知, any flowchart's 资料不齐备 / 退回 path): the 《一次性告知书》 that
 * lists every missing material at once. No Xining template was found (docs/domain/flowcharts.md: reject paths are not drawn
 * for FC1/2/4/6; docs/domain/open-questions.md); the content is what the national 一次性告知 rule implies: the applicant, the
 * service item (name and code) and the date applied, the numbered list of missing or defective materials, the
 * correction deadline (补正期限: the case's own date, else N working days from issue, config/missing-materials-notice.json),
 * the legal-basis sentence (same file, unverified) and the window's phone (config/notices.json).
 */
import { z } from 'zod';
import { defineNoticeWorker, type NoticeWorkerSpec } from './lib/notices/define-notice-worker.js';
import { chineseDate } from './lib/notices/notice-content.js';
import { isoDateField, serviceItemCodeField, textField } from './lib/notices/notice-fields.js';
import { addWorkingDays } from './lib/working-day-calendar.js';
import { defaultNoticeServices } from './runtime/worker-services.js';

const input = z.object({
  /** 申请人: the person or the unit (单位名称) the notice is addressed to. */
  applicantName: textField,
  /** 事项名称, e.g. 职工医保医疗费用零星报销. */
  serviceItem: textField,
  serviceItemCode: serviceItemCodeField.optional(),
  /** 申请日期. */
  applicationDate: isoDateField.optional(),
  missingMaterials: z.array(textField).min(1, '至少列出一项需补正的材料'),
  /** 补正期限; without it: correctionWorkingDays working days after the date of issue. */
  correctionDeadline: isoDateField.optional(),
});

export const missingMaterialsNoticeSpec: NoticeWorkerSpec<typeof input> = {
  type: 'generate-missing-materials-notice',
  noticeType: 'missingMaterialsNotice',
  descriptionZh: '生成一次性告知书 PDF（列明全部需补正材料与补正期限），编号并存入文档服务',
  descriptionEn: 'Generates the numbered one-time notice of all missing materials (PDF) and stores it through the Documents API',
  input,
  content(v, office, issuedOn, { missingMaterials: parameters, calendar }) {
    const deadline = v.correctionDeadline ?? addWorkingDays(issuedOn, parameters.correctionWorkingDays.value, calendar);
    const applied = v.applicationDate ? `您于${chineseDate(v.applicationDate)}申请办理的` : '您申请办理的';
    const item = `“${v.serviceItem}”${v.serviceItemCode ? `（事项编码${v.serviceItemCode}）` : ''}`;
    return {
      addressee: `${v.applicantName}：`,
      opening: [`${parameters.legalBasis.value}，${applied}${item}事项，申请材料不齐全或不符合要求，现将需要补正的全部材料一次性告知如下：`],
      sections: [
        {
          table: { columns: ['序号', '需补正的材料'], rows: v.missingMaterials.map((material, index) => [String(index + 1), material]) },
        },
        {
          fields: [
            { label: '补正期限', value: `${chineseDate(deadline)}前`, wide: true },
            { label: '咨询电话', value: office.phone ?? '', wide: true },
          ],
        },
      ],
      closing: [
        `请于${chineseDate(deadline)}前补齐上述材料，到${office.name}服务窗口或通过网上经办渠道提交。材料补齐后，我机构即予受理。`,
        `如有疑问，请咨询${office.phone ? `${office.phone}` : '服务窗口'}。`,
      ],
      signatures: ['经办人', '申请人签收'],
    };
  },
};

export const generateMissingMaterialsNoticeWorker = defineNoticeWorker(missingMaterialsNoticeSpec, defaultNoticeServices);
