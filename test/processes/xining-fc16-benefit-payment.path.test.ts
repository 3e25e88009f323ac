/**
 * FC16 职工医保待遇支付 (back office): 审核医疗待遇支付结算单 → 支付 → 编制会计凭证 → 月末与银行进行核对, with the
 * L720 fragment (定点医药机构对照基金拨付单对账) in parallel after the payment. 30 working days (closest national
 * item): received Monday 2026-03-02, due 2026-04-14 23:59:59 (清明 04-04..06), reminder 2026-04-10 09:00.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOW, useProcessHarness } from '../support/process-harness.js';

const PROCESS_ID = 'xining-fc16-benefit-payment';

const h = useProcessHarness([PROCESS_ID]);

beforeEach(async () => {
  await h.pinClock(DEFAULT_NOW);
});

const batch = {
  settlementBatchNumber: 'JS-2026-02-001',
  settlementPeriod: '2026-02',
  settlementSources: ['职工医保医疗费用零星报销', '生育保险待遇'],
  settlementSheetCount: 42,
  settlementTotalAmount: '125000.00',
};

async function auditAndPay(pi: string): Promise<void> {
  await h.complete(pi, 'auditSettlement', {
    as: 'finance',
    variables: { auditSettlementDecision: 'approved', auditChecks: ['支付对象与账户信息一致', '金额计算无误'] },
  });
  await h.complete(pi, 'payBenefits', { as: 'finance', variables: { paidAmount: '125000.00', fundDisbursementNumber: 'BF-2026-0301', paidOn: '2026-03-02' } });
}

async function bookAndReconcileWithProviders(pi: string): Promise<void> {
  await h.complete(pi, 'bookVoucher', { as: 'finance', variables: { voucherNumber: '记-2026-03-0088', voucherDate: '2026-03-02', voucherAmount: '125000.00' } });
  await h.complete(pi, 'providerReconciliation', { as: 'finance', variables: { providerReconciliationResult: 'matched' } });
}

async function reconcileWithBank(pi: string): Promise<void> {
  await h.complete(pi, 'bankReconciliation', {
    as: 'finance',
    variables: { bankStatementBalance: '875000.00', ledgerBalance: '875000.00', bankReconciliationResult: 'matched' },
  });
}

describe(PROCESS_ID, () => {
  it('should audit, pay, book and reconcile with the providers, then with the bank at month end', async () => {
    // given
    const pi = await h.start(PROCESS_ID, batch);

    // when
    await auditAndPay(pi);
    await bookAndReconcileWithProviders(pi);
    await h.waitForElement(pi, 'monthEnd', 'ACTIVE');
    expect(await h.activeElements(pi)).toEqual(['monthEnd']);
    await h.pinClock('2026-03-31T09:00:00+08:00');
    await reconcileWithBank(pi);

    // then
    await h.expectEnded(pi, ['endPaymentCompleted']);
    expect(await h.variables(pi)).toMatchObject({
      statutoryTimeLimit: { workingDays: 30, calendarDays: null, months: null },
      deadlineDate: '2026-04-14',
      dueDate: '2026-04-14T23:59:59+08:00',
      reminderDate: '2026-04-10T09:00:00+08:00',
      monthEndToday: false,
      monthEndDate: '2026-03-31',
      monthEndAt: '2026-03-31T09:00:00+08:00',
    });
  });

  it('should restart a deadline task with new timers when its deadline is recomputed (办理时限重新计算)', async () => {
    // given
    const pi = await h.start(PROCESS_ID, batch);

    // when the deadline of each open task is recomputed before it is done
    await h.rearmDeadline(pi, 'auditSettlement');
    await h.complete(pi, 'auditSettlement', {
      as: 'finance',
      variables: { auditSettlementDecision: 'approved', auditChecks: ['支付对象与账户信息一致', '金额计算无误'] },
    });
    await h.rearmDeadline(pi, 'payBenefits');
    await h.complete(pi, 'payBenefits', { as: 'finance', variables: { paidAmount: '125000.00', fundDisbursementNumber: 'BF-2026-0301', paidOn: '2026-03-02' } });
    await bookAndReconcileWithProviders(pi);
    await h.pinClock('2026-03-31T09:00:00+08:00');
    await reconcileWithBank(pi);

    // then
    await h.expectEnded(pi, ['endPaymentCompleted']);
  });

  it('should reconcile with the bank at once when the voucher is booked on the last day of the month', async () => {
    // given
    await h.pinClock('2026-03-31T09:00:00+08:00');
    const pi = await h.start(PROCESS_ID, batch);

    // when
    await auditAndPay(pi);
    await bookAndReconcileWithProviders(pi);
    await reconcileWithBank(pi);

    // then
    await h.expectEnded(pi, ['endPaymentCompleted']);
    expect(await h.variables(pi)).toMatchObject({ monthEndToday: true });
  });

  it('should return a wrong settlement sheet to the business section', async () => {
    // given
    const pi = await h.start(PROCESS_ID, batch);

    // when
    await h.complete(pi, 'auditSettlement', { as: 'finance', variables: { auditSettlementDecision: 'returned', auditSettlementReason: '收款账户与参保人不一致' } });

    // then
    await h.expectEnded(pi, ['endSettlementReturned']);
  });

  it('should remind and escalate an overdue audit and payment, the finance tasks staying open', async () => {
    // given
    const pi = await h.start(PROCESS_ID, batch);
    await h.waitForTask(pi, 'auditSettlement');

    // when: past the deadline of 2026-04-14
    await h.pinClock('2026-04-15T09:00:00+08:00');
    await h.complete(pi, 'auditSettlementOverdueEscalation', { as: 'supervisor', variables: { escalationAction: 'urged', escalationNote: '限当日审核' } });
    await h.waitForElement(pi, 'endAuditSettlementReminded');
    await h.complete(pi, 'auditSettlement', { as: 'finance', variables: { auditSettlementDecision: 'approved', auditChecks: ['金额计算无误'] } });
    await h.complete(pi, 'payBenefitsOverdueEscalation', { as: 'supervisor', variables: { escalationAction: 'urged', escalationNote: '限当日支付' } });
    await h.waitForElement(pi, 'endPayBenefitsReminded');
    await h.complete(pi, 'payBenefits', { as: 'finance', variables: { paidAmount: '125000.00', fundDisbursementNumber: 'BF-2026-0415', paidOn: '2026-04-15' } });
    await bookAndReconcileWithProviders(pi);
    await h.waitForElement(pi, 'monthEnd', 'ACTIVE');
    await h.pinClock('2026-04-30T09:00:00+08:00');
    await reconcileWithBank(pi);

    // then
    await h.expectEnded(pi, [
      'endAuditSettlementReminded',
      'endAuditSettlementEscalated',
      'endPayBenefitsReminded',
      'endPayBenefitsEscalated',
      'endPaymentCompleted',
    ]);
  });

  it('should only remind when the reminder date has passed', async () => {
    // given
    const pi = await h.start(PROCESS_ID, batch);
    await h.waitForTask(pi, 'auditSettlement');

    // when
    await h.pinClock('2026-04-10T09:00:00+08:00');
    await h.waitForElement(pi, 'endAuditSettlementReminded');
    await h.complete(pi, 'auditSettlement', { as: 'finance', variables: { auditSettlementDecision: 'approved', auditChecks: ['金额计算无误'] } });
    await h.waitForElement(pi, 'endPayBenefitsReminded');
    await h.complete(pi, 'payBenefits', { as: 'finance', variables: { paidAmount: '125000.00', fundDisbursementNumber: 'BF-2026-0410', paidOn: '2026-04-10' } });
    await bookAndReconcileWithProviders(pi);
    await h.waitForElement(pi, 'monthEnd', 'ACTIVE');
    await h.pinClock('2026-04-30T09:00:00+08:00');
    await reconcileWithBank(pi);

    // then
    await h.expectEnded(pi, ['endAuditSettlementReminded', 'endPayBenefitsReminded', 'endPaymentCompleted']);
  });
});
