/**
 * The office's monthly report (月报) as an .xlsx workbook (exceljs), Chinese headers: the overview of the period
 * per process and per national item, the overdue cases, and — where per-person figures are on — per clerk.
 * ID numbers never appear (the lists carry the applicant's name only).
 */
import ExcelJS from 'exceljs';
import type { OpenCaseList, Overview, Spread } from '../src/monitor-types.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

export async function reportWorkbook(overview: Overview, overdue: OpenCaseList, names: (username: string) => string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '业务监控';
  workbook.created = new Date(`${overview.today}T00:00:00+08:00`);
  const range = overview.period.from === overview.period.to ? overview.period.from : `${overview.period.from} 至 ${overview.period.to}`;

  const summary = workbook.addWorksheet('概览');
  title(summary, `业务办理情况（${range}）`, 13);
  table(
    summary,
    ['事项', '国家事项编码', '法定时限', '受理数', '办结数', '不予受理数', '撤销数', '在办数', '逾期数', '临期数', '办理时长中位数（工作日）', '办理时长P90（工作日）', '按时办结率'],
    [
      ...overview.processes.map((p) => [
        p.titleZh,
        p.nationalItem?.code ?? '',
        p.timeLimitZh,
        p.started,
        p.completed,
        p.notAccepted,
        p.canceled,
        p.open,
        p.overdue,
        p.dueSoon,
        value(p.cycle.median),
        value(p.cycle.p90),
        rate(p.onTime.rate),
      ]),
      [
        '合计',
        '',
        '',
        overview.totals.started,
        overview.totals.completed,
        overview.totals.notAccepted,
        overview.totals.canceled,
        overview.totals.open,
        overview.totals.overdue,
        overview.totals.dueSoon,
        value(overview.totals.cycle.median),
        value(overview.totals.cycle.p90),
        rate(overview.totals.onTime.rate),
      ],
    ],
  );
  summary.getColumn(13).numFmt = '0.0%';

  const items = workbook.addWorksheet('按国家事项');
  // the same figures as 概览, in the same order: a reader compares the two sheets column by column
  title(items, `按国家政务服务事项（${range}）`, 12);
  table(
    items,
    ['国家事项', '编码', '受理数', '办结数', '不予受理数', '撤销数', '在办数', '逾期数', '临期数', '办理时长中位数（工作日）', '办理时长P90（工作日）', '按时办结率'],
    overview.nationalItems.map((item) => [
      item.name,
      item.code ?? '',
      item.started,
      item.completed,
      item.notAccepted,
      item.canceled,
      item.open,
      item.overdue,
      item.dueSoon,
      value(item.cycle.median),
      value(item.cycle.p90),
      rate(item.onTime.rate),
    ]),
  );
  items.getColumn(12).numFmt = '0.0%';

  const late = workbook.addWorksheet('逾期案件');
  title(late, `逾期未办结案件（截至 ${overview.today}，共 ${overdue.total} 件）`, 9);
  table(
    late,
    ['件号', '事项', '申请人', '受理日期', '办理期限', '逾期（工作日）', '当前环节', '办理岗位', '经办人'],
    overdue.items.map((item) => [
      item.processInstanceKey,
      item.titleZh,
      item.applicant ?? '',
      item.acceptedDay ?? '',
      `${item.deadlineDay ?? ''}${item.deadlineProvisional ? '（暂定）' : ''}`,
      value(item.workingDays),
      item.step?.name ?? '',
      item.step?.groups.map((group) => group.nameZh).join('、') ?? '',
      item.step?.assignee ? names(item.step.assignee) : '',
    ]),
  );

  if (overview.clerks) {
    const clerks = workbook.addWorksheet('人员工作量');
    title(clerks, `人员工作量（${range}）`, 5);
    table(
      clerks,
      ['经办人', '在办任务', '办结任务', '办理时长中位数（工作日）', '办理时长P90（工作日）'],
      overview.clerks.map((clerk) => [names(clerk.assignee), clerk.open, clerk.completed, ...spreadCells(clerk.handling)]),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// helpers

type Cell = string | number | null;

function title(sheet: ExcelJS.Worksheet, text: string, columns: number): void {
  sheet.addRow([text]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, columns);
}

function table(sheet: ExcelJS.Worksheet, headers: string[], rows: Cell[][]): void {
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  for (const row of rows) sheet.addRow(row);
  headers.forEach((text, i) => {
    sheet.getColumn(i + 1).width = Math.max(10, Math.min(40, text.length * 2 + 2));
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
}

const value = (n: number | null) => (n === null ? '—' : n);
const rate = (r: number | null) => (r === null ? '—' : r);
const spreadCells = (spread: Spread) => [value(spread.median), value(spread.p90)];
