/** Every Chinese text of the monitor (the shared ones are in web-shared/src/i18n/zh-cn.ts). */
import { OUTCOME_WORDS, type CaseOutcome } from '../../web-shared/src/format/case-outcome.js';

/**
 * What reads the read model, named by the freshness line on each page of it: a manager who reads it on one knows the
 * others stand still too — the figures of 首页 (and the monthly report downloaded there, which writes the same into
 * its workbook), 逾期与临期 and 流程热力图's 办理时长, and 案件查询's search by applicant name (a case the read model
 * has not read is not found). A case's page, 流程热力图's counts and 案件查询's other searches read the engine.
 */
const READ_MODEL_PAGES = '首页、月报、「逾期与临期」、「流程热力图」的「办理时长」和「案件查询」的按申请人查找';

export const t = {
  nav: {
    label: '监控页面',
    overview: '首页',
    openCases: '逾期与临期',
    instances: '案件查询',
    heatmap: '流程热力图',
    batches: '批量操作',
  },
  period: {
    label: '统计期间',
    today: '今日',
    week: '本周',
    month: '本月',
    custom: '自定义',
    from: '开始日期',
    to: '结束日期',
    apply: '查询',
    missing: '请填写开始日期和结束日期',
    range: (from: string, to: string) => (from === to ? from : `${from} 至 ${to}`),
  },
  freshness: {
    label: '数据更新',
    ago: (seconds: number) => (seconds < 5 ? '数据为最新' : `数据更新于 ${seconds} 秒前`),
    never: '读取模型尚未完成首次同步',
    /** An answer read once (not again every 30 s): the office's clock time of its figures, HH:mm. */
    syncedAt: (time: string) => `数据同步于 ${time}`,
    catchingUp: (day: string) => `读取模型正在补齐历史数据（已读到 ${day}），统计数字尚不完整`,
    /**
     * The passes fail (the engine or cluster unreachable, the file full): what is stale, since when, and what to do,
     * in words a manager acts on; the reason itself is in the server's log, for the administrator.
     */
    failing: (since: string, standsAt: string | undefined, beforeRestart: boolean) =>
      // (未能同步, not 无法从流程引擎读取: the server's own file failing — a full disk — stops the figures alike; and
      // the retry's interval is the server's setting, a second by default)
      `统计数字暂停更新：自 ${since} 起未能同步数据，` +
      (standsAt !== undefined
        ? `${READ_MODEL_PAGES}所用的数据停留在 ${standsAt}，可能落后于实际办理情况。`
        : beforeRestart
          ? `${READ_MODEL_PAGES}所用的数据为服务重启前最后一次同步的结果，可能落后于实际办理情况。`
          : `${READ_MODEL_PAGES}暂无数据。`) +
      '系统自动重试，恢复后数字自动更新；持续超过 10 分钟仍显示此提示，请联系系统管理员（服务器日志记有原因）。',
    /** A re-read of the page's figures failed (the server unreachable, an error): those shown are of an earlier answer. */
    notRefreshed: (time: string) => `未能刷新，以下为 ${time} 读取的数字`,
    /** A read of the figures not answered within 25 s is abandoned; the next one (30 s after the last) tries again. */
    timedOut: '读取统计数字超时，稍后自动重试',
    unconnected: `统计数字未能读取：监控尚未连接流程引擎（服务器未配置监控服务账号），${READ_MODEL_PAGES}没有数据。请联系系统管理员配置。`,
  },
  kpi: {
    started: '受理',
    completed: '办结',
    notAccepted: '不予受理',
    canceled: '撤销',
    open: '在办',
    overdue: '逾期',
    dueSoon: '临期',
    withIncident: '异常',
    onTimeRate: '按时办结率',
    medianCycle: '办理时长中位数',
    p90Cycle: '办理时长 P90',
    workingDays: (n: number | null) => (n === null ? '—' : `${n} 个工作日`),
    rate: (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`),
    dueSoonHint: (n: number, until: string) => `临期：${n} 个工作日内到期（至 ${until}）`,
  },
  charts: {
    failed: '图表未能加载，请刷新页面后重试',
    asTable: '以表格查看',
  },
  overview: {
    title: '业务办理概览',
    export: '导出月报（Excel）',
    byProcess: '按事项',
    byItem: '按国家政务服务事项',
    openChart: '在办案件（按事项）',
    cycleChart: '办理时长（工作日）与法定时限',
    waitingSteps: '在办环节（待办任务数）',
    stepWaiting: (process: string, step: string, n: number) => `${process}「${step}」${n} 件`,
    step: '环节',
    waitingTasks: '待办任务数',
    groups: '各岗位待办任务',
    clerks: '人员工作量',
    clerksOff: '按单位规定，不显示个人工作量。',
    process: '事项',
    item: '国家事项',
    code: '编码',
    limit: '法定时限',
    median: '中位数',
    p90: 'P90',
    clerk: '经办人',
    openTasks: '在办任务',
    completedTasks: '办结任务',
    handlingMedian: '办理时长中位数（工作日）',
    none: '本期间没有数据',
    normal: '正常',
    legendLimit: '法定时限',
  },
  openCases: {
    title: '逾期与临期案件',
    overdue: '逾期',
    dueSoon: '临期',
    caseNumber: '件号',
    process: '事项',
    applicant: '申请人',
    step: '当前环节',
    group: '办理岗位',
    assignee: '经办人',
    accepted: '受理日期',
    deadline: '办理期限',
    over: '逾期（工作日）',
    left: '剩余（工作日）',
    provisional: '（暂定）',
    incident: '异常',
    empty: '没有符合条件的案件',
    allProcesses: '全部事项',
    waitingAutomatic: '自动处理中',
    total: (n: number) => `共 ${n} 件`,
  },
  instances: {
    title: '案件查询',
    process: '事项',
    version: '版本',
    anyVersion: '全部版本',
    state: '状态',
    anyState: '全部',
    active: '办理中',
    completed: '已办结',
    terminated: '已撤销',
    incident: '只看有异常的案件',
    startFrom: '受理自',
    startTo: '受理至',
    endFrom: '办结自',
    endTo: '办结至',
    caseNumber: '件号',
    applicant: '申请人姓名',
    variableName: '变量名',
    variableNameHint: '技术名，或从右侧按中文名选',
    variablePicker: '按中文名选择变量',
    variablePickerNone: '按中文名选…',
    keyNotNumber: '件号应为数字',
    variableValue: '变量值',
    search: '查询',
    reset: '清空条件',
    results: (n: number, more: boolean) => `共 ${more ? `${n} 件以上` : `${n} 件`}`,
    /** A search under way: said in place of the total, the list of the search before (if any) dimmed under it. */
    searching: '正在查询…',
    start: '受理时间',
    end: '办结时间',
    none: '没有符合条件的案件',
    applicantNotFound: '读取模型中没有这个申请人的案件',
    applicantColumn: '申请人',
    applicantsUnread: (reason: string) => `申请人姓名未能读取：${reason}`,
    outcome: '办理结果',
    outcomesUnread: (reason: string) => `办理结果未能读取：${reason}`,
    selectAll: '全选（所有符合条件的案件）',
    clearAll: '取消全选',
    selectPage: '选择本页',
    selected: (n: number, all: boolean) => (all ? `已选择全部 ${n} 件符合条件的案件` : `已选择 ${n} 件`),
  },
  instance: {
    title: (key: string) => `案件 ${key}`,
    back: '返回',
    process: '事项',
    applicant: '申请人',
    applicantUnread: '未能读取，请刷新重试',
    state: '状态',
    started: '受理时间',
    ended: '办结时间',
    version: '流程版本',
    diagram: '流程图',
    legendActive: '办理中',
    legendIncident: '异常',
    legendCompleted: '已完成',
    variables: '变量',
    scope: '作用域',
    caseScope: '案件',
    name: '名称',
    value: '值',
    edit: '修改',
    save: '保存',
    cancelEdit: '取消',
    invalidJson: '值必须是合法的 JSON（文字请加英文双引号，例如 "张三"）',
    reveal: '显示原值',
    maskedHint: '含身份证号、银行账号或诊断等个人信息，已遮挡显示。修改前请点「显示原值」。',
    revealFirst: '当前显示的是遮挡后的值，不能保存。请先点「显示原值」，再修改后保存。',
    maskNotSaved: '这是遮挡后的值（带 * 号或「已遮挡」），保存会覆盖原值，未保存。请填写完整的值。',
    saved: (name: string) => `已修改变量 ${name}`,
    /** The variables shown as the engine holds them (JSON, as 修改 edits them) instead of in words. */
    showRaw: '显示原始值（JSON）',
    variablesUnread: (reason: string) => `未能读取案件的变量：${reason}`,
    /** A re-read failed after one that worked: the values shown are that read's. */
    /**
     * A re-read failed after one that worked: the values shown are that read's. The variables the process works out
     * again after an edit (a deadline from a changed acceptance time) are the ones that may be behind — not the one
     * she saved, which stands beside it with its new value marked 已提交.
     */
    variablesStale: (readAt: string, reason: string) => `重新读取案件的变量失败，下面仍是 ${readAt} 读取的值，修改后由流程重新计算的变量可能不是最新：${reason}`,
    readAgain: '重新读取',
    /** 重试 / 重新读取 while the read it sent is on its way (the button stays, so the focus does). */
    reading: '读取中…',
    /**
     * A re-read of the header's applicant, of its dates (the case's `acceptedAt`, `deadlineDate`), or of both, failed
     * after one that worked: what that read gave is still shown, as of then — the applicant, or 受理日期, 办理时限届满日
     * and what is counted from it (`remaining`: 剩余工作日, or 是否按时 once the case ended). 法定时限 is the
     * catalogue's, never stale.
     */
    headerStale: (readAt: string, stale: { applicant: boolean; dates: boolean; remaining: string }) => {
      const read = [...(stale.applicant ? ['申请人'] : []), ...(stale.dates ? ['受理日期', '办理时限届满日'] : [])];
      const shown = [...(stale.applicant ? ['申请人'] : []), ...(stale.dates ? ['受理日期', '办理时限届满日', stale.remaining] : [])];
      return `重新读取${listed(read)}失败，上方的${listed(shown)}仍是 ${readAt} 读取的，可能不是最新。`;
    },
    audit: '办理记录',
    auditFallback: '所连接的集群不提供操作日志（Camunda 8.8），以下为已办任务（办理人、时间）。',
    when: '时间',
    who: '操作人',
    what: '操作',
    detail: '内容',
    decision: '决定',
    currentValue: '（当前值）',
    incidents: '异常',
    noIncidents: '没有未处理的异常',
    errorType: '类型',
    /** Camunda 8.8's incident error types in the managers' words; the type itself stays in the cell's tooltip. */
    errorTypes: {
      JOB_NO_RETRIES: '自动任务失败（重试次数已用完）',
      EXECUTION_LISTENER_NO_RETRIES: '执行监听器失败（重试次数已用完）',
      TASK_LISTENER_NO_RETRIES: '任务监听器失败（重试次数已用完）',
      AD_HOC_SUB_PROCESS_NO_RETRIES: '自由子流程的任务失败（重试次数已用完）',
      IO_MAPPING_ERROR: '变量映射出错',
      CONDITION_ERROR: '分支条件无法计算',
      EXTRACT_VALUE_ERROR: '取值出错（如消息关联键）',
      CALLED_ELEMENT_ERROR: '调用的子流程无法启动',
      UNHANDLED_ERROR_EVENT: '业务错误没有对应的处理',
      MESSAGE_SIZE_EXCEEDED: '数据量超过上限',
      CALLED_DECISION_ERROR: '调用的决策表不存在',
      DECISION_EVALUATION_ERROR: '决策表计算出错',
      FORM_NOT_FOUND: '表单不存在',
      RESOURCE_NOT_FOUND: '资源不存在',
      UNKNOWN: '其他异常',
      UNSPECIFIED: '其他异常',
    } as Record<string, string>,
    message: '错误信息',
    element: '环节',
    since: '发生时间',
    /** The incidents of the cases this case's call activities started: in which case each one is (Operate's column). */
    incidentCase: '所在案件',
    ownCase: '本案件',
    calledCase: (key: string) => `子案件 ${key}`,
    retry: '重试',
    resolve: '标记为已解决',
    retried: '已重试，案件继续办理',
    resolved: '异常已标记为解决',
    cancelCase: '撤销案件',
    confirmCancel: (key: string) => `确定撤销案件 ${key}？撤销后不能恢复，办理记录中会记下您的姓名。`,
    canceled: '案件已撤销',
    /** A repair the engine confirmed that the page's reads do not show yet (own-repairs.ts). */
    submitted: '已提交，等待引擎处理',
    valueSubmitted: '已提交',
    /** A repair held 30 s that no read showed: the page shows what the server says now (own-repairs.ts). */
    unconfirmed: '30 秒内引擎的查询结果仍未显示刚提交的操作，页面现按查询结果显示。请稍后按 R 刷新核对，不要重复提交。',
    /** The same while the reads fail: nothing could be confirmed. */
    unconfirmedUnread: '无法确认刚提交的操作：读取案件的最新状态失败。请稍后按 R 刷新核对，不要重复提交。',
    readFailed: (reason: string) => `读取案件的最新状态失败，页面显示的可能不是最新状态：${reason}`,
    /** On a repair's button while its command is sent: a second click sends nothing. */
    sending: '提交中…',
    auditPending: '刚提交的操作在引擎处理后记入办理记录。',
    waitingCanceled: '案件已撤销（已提交，等待引擎处理），不再等待消息',
    notAllowed: '您没有修改案件的权限',
    steps: '环节历史',
    messages: '消息',
    waitingMessages: '等待的消息',
    receivedMessages: '已收到的消息',
    noWaitingMessages: '案件没有在等待消息',
    noReceivedMessages: '案件还没有收到消息',
    messageName: '消息',
    correlationKey: '关联键（案件编号等）',
    waitingSince: '开始等待',
    receivedAt: '收到时间',
    /** The messages of the office's models, in the managers' words; other names are shown as they are. */
    messageNames: { 'deadline-recomputed': '办理时限重算（节假日调整）' } as Record<string, string>,
    showFull: '显示完整值',
  },
  audit: {
    operations: {
      CREATE: '创建',
      UPDATE: '修改',
      COMPLETE: '办结',
      ASSIGN: '认领/分派',
      UNASSIGN: '释放',
      CANCEL: '撤销',
      RESOLVE: '解决',
      MODIFY: '调整',
      MIGRATE: '迁移',
      DELETE: '删除',
    } as Record<string, string>,
    entities: {
      PROCESS_INSTANCE: '案件',
      USER_TASK: '任务',
      VARIABLE: '变量',
      INCIDENT: '异常',
      BATCH: '批量操作',
      RESOURCE: '资源',
      DECISION: '决策',
    } as Record<string, string>,
  },
  heatmap: {
    title: '流程热力图',
    process: '事项',
    version: '版本',
    latest: '最新版本',
    mode: '显示',
    counts: '在办与异常数',
    durations: '办理时长（工作日）',
    legendActive: '在办',
    legendIncident: '异常',
    legendGreen: 'P90 在目标内',
    legendAmber: '中位数在目标内',
    legendRed: '中位数超出目标',
    target: '目标',
    step: '环节',
    n: '办结数',
    share: '占法定时限',
    noLimit: '本事项的时限不以工作日计，无目标值',
    elementCount: (active: number, incidents: number) => `在办 ${active}${incidents ? `，异常 ${incidents}` : ''}`,
  },
  batches: {
    title: '批量操作',
    unavailable: '所连接的引擎尚不提供批量操作接口。',
    none: '尚无批量操作。在「案件查询」中选择案件后执行。',
    forbidden: '您的角色没有查看批量操作的权限（BATCH 的 READ），这里不列出任何批量操作。如需查看，请联系系统管理员授权。',
    /** A batch operation just created that the searches do not return yet (a cluster's searches lag). */
    created: (key: string) => `批量操作 ${key} 已提交，等待引擎处理…`,
    createdUnseen: (key: string) => `批量操作 ${key} 已提交，但 30 秒内查询结果中仍未显示。请稍后按 R 刷新，不要重复提交。`,
  },
  common: {
    loading: '正在加载…',
    refresh: '刷新',
    page: (from: number, to: number, total: number) => `第 ${from}–${to} 条，共 ${total} 条`,
    dash: '—',
    confirm: '确定',
  },
  states: { ACTIVE: '办理中', COMPLETED: '已办结', TERMINATED: '已撤销' } as Record<string, string>,
  /** A completed case's state by how it ended: 办结 reads 已办结, a refusal its own word (不予受理, 不予办理 …). */
  endedAs: (outcome: CaseOutcome) => (outcome === 'granted' ? '已办结' : OUTCOME_WORDS[outcome]),
  shortcuts: {
    title: '快捷键',
    text: 'G 然后 O/L/S/H：首页/逾期与临期/案件查询/流程热力图 · R 刷新 · / 查询',
  },
} as const;

/** Words listed the Chinese way: 甲, 甲和乙, 甲、乙和丙. */
function listed(words: string[]): string {
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join('、')}和${words[words.length - 1]}`;
}
