/**
 * The office's monthly report (月报) as an .xlsx workbook (exceljs), Chinese headers: the overview of the period
 * per process and per national item, the overdue cases, and — where per-person figures are on — per clerk; last, a
 * 说明 sheet saying how current the figures are (the read model's last good sync and, while its passes fail, since
 * when), which 概览 points to under its table: a file read days later, or forwarded, has no freshness line beside it.
 * ID numbers never appear (the lists carry the applicant's name only).
 */
import ExcelJS from 'exceljs';
import { formatDateTime } from '../../web-shared/src/format/dates.js';
import type { Freshness, OpenCaseList, Overview, Spread } from '../src/monitor-types.js';

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
  // (below the table: a reader of 概览 alone learns how current its figures are)
  summary.addRow([]);
  summary.addRow([`${syncedLine(overview.freshness)}（详见「说明」工作表）`]).font = { italic: true };

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

  const notes = workbook.addWorksheet('说明');
  title(notes, '数据说明', 2);
  table(notes, ['项目', '内容'], [
    ['统计期间', range],
    ['统计截至', overview.today],
    ['数据最后同步时间', lastSync(overview.freshness)],
    ['同步状态', syncState(overview.freshness)],
    ['数据来源', '本报表的数字来自业务监控的统计数据（服务器定期从流程引擎同步），截至上面的最后同步时间：其后受理、办结或变化的案件不在其中。'],
  ]);
  notes.getColumn(1).width = 18;
  notes.getColumn(2).width = 90;
  notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The read model's last good sync, in the office's time (to the minute, as the freshness line writes it). */
function lastSync(freshness: Freshness): string {
  if (freshness.lastPassAt !== null) return formatDateTime(freshness.lastPassAt);
  if (freshness.earlierFigures) return '服务重启前（时间未记录）';
  return '尚未完成首次同步';
}

/** Whether the figures are current, in the freshness line's terms (freshness.ts: a failure shown past the grace only). */
function syncState(freshness: Freshness): string {
  if (freshness.unconnected) return '监控尚未连接流程引擎（服务器未配置监控服务账号），本报表没有统计数字。请联系系统管理员配置。';
  if (freshness.failingSince !== undefined) {
    return `自 ${formatDateTime(freshness.failingSince)} 起未能同步数据：本报表的数字停留在最后同步时间，可能落后于实际办理情况。请联系系统管理员（服务器日志记有原因）。`;
  }
  if (freshness.readUpTo !== undefined) return `正在补齐历史数据（已读到 ${freshness.readUpTo}），统计数字尚不完整。`;
  if (freshness.lastPassAt === null) return '尚未完成首次同步，本报表没有统计数字。';
  return '正常';
}

/** 概览's line under its table. */
function syncedLine(freshness: Freshness): string {
  const state = syncState(freshness);
  return state === '正常' ? `数据最后同步时间：${lastSync(freshness)}` : `数据最后同步时间：${lastSync(freshness)}；${state}`;
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
