/**
 * Lays out any {@link NoticeContent} as an A4 PDF with pdfmake and an embedded Noto CJK font (subset CID fonts,
 * so the text stays searchable and `pdftotext` reads it back): office and title, 编号 and 打印日期, labelled field
 * grids, tables, paragraphs, signature lines, and the office with its 业务专用章 and the date at the foot.
 * pdfmake reads only the configured font files: remote URLs and other local paths are refused.
 */
import { existsSync } from 'node:fs';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { ConfigFileError } from '../errors.js';
import { chineseDate, type NoticeContent, type NoticeSection } from './notice-content.js';
import { NOTICE_SETTINGS_FILE, type FontSettings, type OfficeSettings } from './notice-settings.js';

export interface NoticeDocument {
  readonly title: string;
  readonly noticeNumber: string;
  /** YYYY-MM-DD, the office's date of issue. */
  readonly issuedOn: string;
  readonly office: OfficeSettings;
  readonly content: NoticeContent;
}

const LABEL_FILL = '#f2f2f2';

export async function renderNoticePdf(notice: NoticeDocument, fonts: FontSettings): Promise<Buffer> {
  useFonts(fonts);
  const { title, noticeNumber, issuedOn, office, content } = notice;
  const definition: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 64],
    info: { title, author: office.name, subject: noticeNumber, creator: office.name, creationDate: new Date(`${issuedOn}T00:00:00+08:00`) },
    defaultStyle: { font: 'Song', fontSize: 11, lineHeight: 1.25 },
    footer: (current: number, total: number) => ({ text: `第 ${current} 页，共 ${total} 页`, alignment: 'center', fontSize: 9, margin: [0, 28, 0, 0] }),
    content: [
      { text: office.name, font: 'Hei', fontSize: 13, alignment: 'center' },
      { text: title, font: 'Hei', fontSize: 19, alignment: 'center', margin: [0, 4, 0, content.provisional ? 2 : 10] },
      ...(content.provisional ? [{ text: content.provisional, color: '#c00000', fontSize: 10, alignment: 'center', margin: [0, 0, 0, 8] } as Content] : []),
      {
        columns: [
          { text: `打印日期：${chineseDate(issuedOn)}` },
          { text: `编号：${noticeNumber}`, alignment: 'right' },
        ],
        fontSize: 10,
        margin: [0, 0, 0, 8],
      },
      ...(content.addressee ? [{ text: content.addressee, margin: [0, 4, 0, 4] } as Content] : []),
      ...paragraphs(content.opening),
      ...content.sections.map(section),
      ...paragraphs(content.closing),
      ...signatureLines(content.signatures),
      { text: `${office.name}（业务专用章）`, alignment: 'right', margin: [0, 28, 0, 2] },
      { text: chineseDate(issuedOn), alignment: 'right' },
    ],
  };
  return pdfmake.createPdf(definition).getBuffer();
}

// helpers

let configuredFonts: FontSettings | undefined;

/** pdfmake is a singleton: set the fonts and access policies once per font configuration. */
function useFonts(fonts: FontSettings): void {
  if (configuredFonts === fonts) return;
  for (const font of [fonts.regular, fonts.bold, fonts.heading]) {
    if (!existsSync(font.file)) {
      throw new ConfigFileError(String(NOTICE_SETTINGS_FILE.pathname), `缺少字体文件 ${font.file}（Debian 软件包 fonts-noto-cjk，见 scripts/bootstrap.sh）`);
    }
  }
  // a .ttc needs the face's PostScript name: pdfkit takes [file, name], which pdfmake's types do not declare
  const source = (font: FontSettings['regular']) => (font.postscriptName ? [font.file, font.postscriptName] : font.file) as unknown as string;
  pdfmake.setFonts({
    Song: { normal: source(fonts.regular), bold: source(fonts.bold), italics: source(fonts.regular), bolditalics: source(fonts.bold) },
    Hei: { normal: source(fonts.heading), bold: source(fonts.heading), italics: source(fonts.heading), bolditalics: source(fonts.heading) },
  });
  const allowed = new Set([fonts.regular.file, fonts.bold.file, fonts.heading.file]);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path: string) => allowed.has(path));
  configuredFonts = fonts;
}

function paragraphs(texts: readonly string[] | undefined): Content[] {
  return (texts ?? []).map((text) => ({ text, leadingIndent: 22, alignment: 'justify', margin: [0, 2, 0, 4] }) as Content);
}

function section(part: NoticeSection): Content {
  const stack: Content[] = [];
  if (part.heading) stack.push({ text: part.heading, bold: true, margin: [0, 8, 0, 4] });
  if (part.fields && part.fields.length > 0) stack.push(fieldGrid(part));
  if (part.table) {
    const header: TableCell[] = part.table.columns.map((column) => ({ text: column, bold: true, fillColor: LABEL_FILL, alignment: 'center' }));
    const rows: TableCell[][] = part.table.rows.map((row) => row.map((cell) => ({ text: cell })));
    stack.push({
      table: { headerRows: 1, widths: part.table.columns.map(() => '*'), body: [header, ...rows] },
      fontSize: 10,
      margin: [0, 2, 0, 4],
    });
  }
  stack.push(...paragraphs(part.paragraphs));
  return { stack };
}

/** Labelled values two to a row (label, value, label, value); a wide field takes a row of its own. */
function fieldGrid(part: NoticeSection): Content {
  const body: TableCell[][] = [];
  let pending: TableCell[] | undefined;
  const label = (text: string): TableCell => ({ text, fillColor: LABEL_FILL });
  for (const field of part.fields ?? []) {
    if (field.wide) {
      if (pending) body.push(finishRow(pending));
      pending = undefined;
      body.push([label(field.label), { text: field.value, colSpan: 3 }, {}, {}]);
    } else if (pending) {
      body.push([...pending, label(field.label), { text: field.value }]);
      pending = undefined;
    } else {
      pending = [label(field.label), { text: field.value }];
    }
  }
  if (pending) body.push(finishRow(pending));
  return { table: { widths: [88, '*', 88, '*'], body }, fontSize: 10.5, margin: [0, 2, 0, 4] };
}

function finishRow(pending: TableCell[]): TableCell[] {
  const [labelCell, valueCell] = pending;
  return [labelCell!, { ...(valueCell as object), colSpan: 3 } as TableCell, {}, {}];
}

function signatureLines(labels: readonly string[] | undefined): Content[] {
  if (!labels || labels.length === 0) return [];
  const cells: Content[] = labels.map((text) => ({ text: `${text}：____________`, margin: [0, 4, 0, 4] }));
  const rows: Content[][] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push([cells[i]!, cells[i + 1] ?? { text: '' }]);
  return [{ table: { widths: ['*', '*'], body: rows }, layout: 'noBorders', margin: [0, 16, 0, 0] }];
}
