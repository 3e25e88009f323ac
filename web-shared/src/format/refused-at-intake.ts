/**
 * Whether a case was refused at intake and only waits for its 不予受理告知书 to be handed over (FC18/FC22's
 * 送达不予受理告知书 after the late-submission check): the case scope holds the notice's number and no 受理 time.
 * Such a case has no 办理时限 to start: the task list's row, its case header and the monitor's case page show
 * 不予受理 instead of 未受理 / 未开始计时 (web-shared/src/dates/case-deadline.tsx). One rule for all three.
 */
export function refusedAtIntake(values: Readonly<Record<string, unknown>>): boolean {
  const accepted = typeof values.acceptedAt === 'string' && values.acceptedAt.length > 0;
  return !accepted && typeof values.refusalNoticeNumber === 'string' && values.refusalNoticeNumber.length > 0;
}
