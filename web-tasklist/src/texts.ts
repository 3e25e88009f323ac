/** The task list's Chinese texts, all in one place (shared ones are in web-shared/src/i18n/zh-cn.ts). */
import { LOAD_TIMEOUT_MS } from './load-bound.js';

export const t = {
  lists: {
    mine: '我的待办',
    claimable: '待认领',
    all: '全部',
  },
  filters: {
    label: '筛选',
    process: '事项',
    allProcesses: '全部事项',
    dueState: '办理时限',
    allDueStates: '全部',
    overdue: '逾期',
    dueSoon: '即将到期',
    normal: '正常',
    noLimit: '无时限',
    search: '申请人姓名或件号',
    searchPlaceholder: '输入姓名或件号，回车查询',
    sort: '排序',
    sortDueDate: '到期日（近→远）',
    sortCreationAsc: '收件时间（早→晚）',
    sortCreationDesc: '收件时间（晚→早）',
    clear: '清除筛选',
  },
  views: {
    label: '已存视图',
    none: '（未选择）',
    save: '保存为视图',
    namePrompt: '视图名称（例如：本组逾期件）',
    share: '共享给',
    notShared: '不共享（仅本人）',
    saved: (name: string) => `已保存视图「${name}」`,
    deleted: (name: string) => `已删除视图「${name}」`,
    delete: '删除视图',
    sharedBy: (owner: string) => `${owner} 共享`,
    confirmDelete: (name: string) => `确定删除视图「${name}」？`,
  },
  list: {
    empty: '没有符合条件的任务',
    loading: '正在加载任务…',
    loadMore: '加载更多',
    shown: (shown: number, total: number) => `显示 ${shown} / 共 ${total} 件`,
    caseNumber: (key: string) => `件号 ${key}`,
    assignedTo: (name: string) => `${name} 办理中`,
    unassigned: '待认领',
    refreshed: (time: string) => `更新于 ${time}`,
    refresh: '刷新',
    loadTimeout: '加载超时，请稍后重试或点击刷新',
  },

  task: {
    select: '请从左侧选择一件任务',
    loading: '正在打开任务…',
    loadTimeout: '打开任务超时，请点击重试',
    /**
     * Instead of the form when its data could not be read whole, to who may 办结 the task: opened, its blank fields
     * would be sent blank with 办结 over the case's values.
     */
    formDataLeftOut: (shown: number, total?: number) =>
      `表单数据未能全部读取（${leftOutCount(shown, total)}），为免办结时漏填或覆盖已有内容，暂不能打开表单，请联系系统管理员`,
    /** The same to who only reads the task, or for a task no longer open: shown, its fields would read as empty. */
    formDataLeftOutShown: (shown: number, total?: number) =>
      `表单数据未能全部读取（${leftOutCount(shown, total)}），为免未读取的内容显示为空白，表单暂不显示，请联系系统管理员`,
    retry: '重试',
    /**
     * 认领 / 释放 / 办结 of the task `name` whose outcome is unknown — no answer within LOAD_TIMEOUT_MS (`timedOut`),
     * or the connection dropped or a gateway answered after it was sent —: the engine may have done it, so the page
     * says neither 成功 nor 失败; it has read the task again, and says how to tell from what it shows (not 刷新: that
     * would throw away a 办结 form filled in).
     */
    commandUnknown: (action: 'claim' | 'unclaim' | 'complete', name: string, timedOut: boolean) => {
      const verb = { claim: '认领', unclaim: '释放', complete: '办结' }[action];
      const why = timedOut ? `未在 ${LOAD_TIMEOUT_MS / 1000} 秒内得到答复` : '已发出，但连接中断或网关未转回答复';
      const how = {
        claim: '如仍显示「认领」按钮，说明尚未认领，可再次认领；如显示「释放」按钮，说明已由您认领。',
        unclaim: '如仍显示「释放」按钮，说明尚未释放，可再次释放；如不再显示，说明已释放。',
        complete: '如仍显示「办结」按钮，说明尚未办结，已填写的内容仍在，核对后可再次办结。',
      }[action];
      return `『${name}』的${verb}${why}，结果未知。页面随即重新读取任务，读取完成后：${how}`;
    },
    /** Her 办结 refused, and the task read again shows it completed: by a colleague, her form not submitted. */
    completedByOther: (name: string) => `「${name}」已由他人办结，您填写的内容未提交。`,
    /**
     * What the page found of a 办结 whose outcome it could not tell (结果未知), once a read of the task answered: gone
     * from her 待办 (the 办结 went through), or still there (it did not: the form kept, to press 办结 again).
     */
    completionFound: (name: string) => `核对结果：『${name}』已办结，此前结果未知的办结已生效，无需再次办结。`,
    /**
     * …or anything else a read of it found: still in her 待办 (the 办结 did not go through: the form kept, to press
     * 办结 again), cancelled (its case 撤销 meanwhile), failed, or refused for good (gone, or no longer hers to see):
     * either way the 办结 is no longer to be done or checked here.
     */
    completionChecked: (name: string, found: 'CREATED' | 'CANCELED' | 'FAILED' | 'REFUSED') =>
      ({
        CREATED: `核对结果：『${name}』仍在待办中，此前结果未知的办结未生效。已填写的内容仍在，核对后可再次办结。`,
        CANCELED: `核对结果：『${name}』已取消（案件可能已被撤销），此前结果未知的办结未生效，无需再次办结。`,
        FAILED: `核对结果：『${name}』处理出错，已不在待办中，此前结果未知的办结未生效。请联系管理人员处理。`,
        REFUSED: `核对结果：『${name}』已无法读取（任务可能已不存在，或您已无权查看），无法判断此前结果未知的办结是否生效。请联系管理人员核对。`,
      })[found],
    /** Closes a note that stays (page-message.ts `held`). */
    dismiss: '知道了',
    /**
     * The same when the task read again did not answer either (no answer in LOAD_TIMEOUT_MS, or an error): the page
     * shows the task as before the command, which says nothing of its outcome. Sent again, the command is safe: a
     * 认领 she already holds is accepted, and a 办结 the engine already did is refused, then the task read again
     * shows it completed and the page says 已办结.
     */
    commandUnread: (action: 'claim' | 'unclaim' | 'complete', name: string) => {
      const verb = { claim: '认领', unclaim: '释放', complete: '办结' }[action];
      const how = {
        claim: '可稍后再次认领：如已由您认领，再次认领不会出错。',
        unclaim: '可稍后再次释放。',
        complete: '已填写的内容仍在，可稍后再次办结：如已办结，页面会提示「已办结」。',
      }[action];
      return `『${name}』的${verb}结果未知，重新读取任务也未成功，页面所示是此前读取到的状态，可能已过时，不能据此判断是否已${verb}。${how}`;
    },
    claim: '认领',
    unclaim: '释放',
    complete: '办结',
    completing: '正在提交…',
    print: '打印',
    claimed: '已认领，可以办理',
    unclaimed: '已释放，任务回到待认领',
    completed: (name: string) => `「${name}」已办结`,
    fixErrors: (count: number) => `有 ${count} 处内容需要修改，请逐项修改`,
    /**
     * The first of them, after the count, where the focus did not move to it (a Ctrl+Enter from that field): the
     * field's label (where it has one) and its message (messages without their 。, joined with ；).
     */
    firstError: (label: string, message: string) => (label ? `第一处：${label}——${message}。` : `第一处：${message}。`),
    assignedToOther: (name: string) => `此任务由 ${name} 办理中，您只能查看`,
    notYours: '此任务不属于您所在的组，您只能查看（证件号码、银行账号、诊断已遮挡）',
    claimFirst: '请先认领，再填写和办结',
    noForm: '此任务没有表单',
    candidateGroups: '办理组',
    created: '收件时间',
  },
  caseHeader: {
    caseNumber: '件号',
    process: '事项',
    nationalItem: '国家事项',
    applicant: '申请人',
    idNumber: '证件号码',
  },
  sections: {
    form: '办理表单',
    materials: '材料清单',
    notices: '通知书',
    history: '办理记录',
    variables: '案件数据',
  },
  materials: {
    submitted: '申请时提交',
    received: '窗口已收取',
    corrected: '最近一次补正时提交',
    checked: '审核核验无误的材料',
    receivedAtReview: '审核时核验收取的材料',
    verifiedEvidence: '初审核验的核定依据',
    keyChangeProof: '审核核对的关键信息变更证明材料',
    missing: '需补齐（一次性告知）',
    /** The missing list once a 补正 came: what was told then, less what came or was verified since. */
    missingAtReturn: '上次退回时告知需补齐',
    /** A verified list the open form writes: the reviewer's own from before the return. */
    earlierRound: (title: string) => `上一轮${title}（退回前）`,
    none: '暂无材料记录',
    /** The tags of an intake item no reviewer's list holds: in words, not colour alone. */
    sentBack: '需补正',
    unverified: '未确认无误',
    unverifiedCount: (count: number) => `其中 ${count} 项审核人员未勾选为核验无误，请核对原件`,
  },
  notices: {
    none: '本案件尚未生成通知书',
    /** Above the list when the case holds more notice data than the page reads. */
    leftOut: (shown: number, total?: number) => `本案件的通知书数据${total === undefined ? `只读取了 ${shown} 项，可能还有更多` : `共 ${total} 项，只读取了 ${shown} 项`}：可能有通知书未列出`,
    print: '打印通知书',
    open: '在新窗口打开',
  },
  history: {
    none: '本案件还没有已办结的环节',
    who: '办理人',
    when: '办结时间',
    decision: '意见',
    reason: '理由 / 说明',
    /** Before a step's own remark (补正说明, 录入审核说明), in the reason's cell. */
    note: '说明：',
    step: '环节',
    /** Under the table when the cluster gave no audit log (Camunda 8.8) or it could not be read whole. */
    withoutAudit: '当前系统未提供审计日志：同一环节多次办理时，只显示最近一次的意见',
    loadTimeout: '办理记录加载超时，请点击重试',
    /** Above the table when the case has more completed steps than the page reads (the oldest left out). */
    leftOut: (shown: number, total?: number) => (total === undefined ? `仅显示最近 ${shown} 条办理记录，更早的未显示` : `共 ${total} 条办理记录，仅显示最近 ${shown} 条，更早的 ${total - shown} 条未显示`),
    /** Above the table when the case holds more decisions, reasons and remarks than the page reads. */
    valuesLeftOut: (shown: number, total?: number) =>
      `本案件的意见、理由和说明数据${total === undefined ? `只读取了 ${shown} 项，可能还有更多` : `共 ${total} 项，只读取了 ${shown} 项`}：部分环节的意见、理由或说明可能未显示，空白不代表未填写`,
  },
  variables: {
    show: '查看案件数据',
    hide: '收起案件数据',
    name: '名称',
    value: '值',
    empty: '没有数据',
    loadTimeout: '案件数据加载超时，请点击重试',
    unlabelled: '该数据项暂无中文名称，显示的是系统内部名称',
    truncated: (shown: number, total: number) => `本案共有 ${total} 项数据，仅显示前 ${shown} 项（按系统内部名称取前 ${shown} 项）`,
  },
  newCase: {
    button: '新办件',
    title: '新办件：选择事项',
    flowchart: '流程图',
    // as the modeler's project view writes it: a bare 7 reads like a missing picture
    flowchartNumber: (n: number) => `流程图 ${n}`,
    item: '事项',
    code: '国家事项编码',
    timeLimit: '办理时限',
    start: '办理',
    back: '返回事项列表',
    submit: '提交受理',
    submitting: '正在提交…',
    filter: '按名称查找事项',
    started: (key: string) => `已提交，件号 ${key}`,
    waiting: '正在等待系统校验并生成第一个环节…',
    nextIsOthers: (step: string, group: string) => `下一环节「${step}」由「${group}」办理`,
    nextNotYet: '系统仍在处理，可稍后在任务列表中查看此件',
    /** The case started, but reading its first task failed (the network): said so, not taken for 结果未知. */
    nextUnread: '案件已受理，但暂时无法读取下一环节（连接中断），可稍后在任务列表中查看此件',
    /**
     * A 提交受理 answered after she left its page (to the list, a task, another 新办件): told wherever she is, so she
     * does not take the application for lost and start it again.
     */
    startedAway: (key: string, title: string | undefined) => `此前提交受理的${title ? `「${title}」` : ''}申请已受理，件号 ${key}，请勿再次受理同一申请。`,
    /**
     * 提交受理 with no answer (`outcomeUnknown`): why, not what to do — the draft's note beside it says 结果未知 and to
     * check the list first (once on the page; 「请稍后重试」 of the failure's own sentence would send the case twice).
     */
    unanswered: '提交受理未得到答复（连接中断或网关未转回答复）。',
    /**
     * The page's check after 结果未知 (submission-reference.ts): under way, found the case (件号, nothing to send
     * again), found none after its searches (not yet: searches may lag — the form stays, to send again, and the retry
     * searches once more first), or could not ask (the
     * button stays off until 重新核对 tells).
     */
    checking: '正在核对此前的提交是否已受理，请稍候…',
    checkFound: (key: string) => `核对结果：此前的提交已受理，件号 ${key}，无需再次提交。`,
    checkAbsent: '核对结果：暂未查到此前提交的案件（查询结果可能稍有滞后）。已填写的内容仍在，可再次提交受理，提交前会再核对一次。',
    checkFailed: (why: string) => `无法核对此前的提交是否已受理（${why}）。为免同一申请重复受理，核对完成前不能再次提交，请点击「重新核对」。`,
    recheck: '重新核对',
    /**
     * The check of an earlier 提交受理 with its outcome unsettled whose form is gone (unsettled-starts.ts): with her
     * private data at a logout, or given up with 放弃 — worded for either. Not found: 暂未查到, as checkAbsent (searches
     * may lag; a firm 未受理 sent her to type it again while the case was on its way).
     */
    earlierChecking: '正在核对此前一次未确认结果的提交是否已受理，请稍候…',
    earlierFound: (key: string) => `核对结果：此前一次未确认结果的提交已受理，件号 ${key}，请勿再次受理同一申请。本页可办理其他申请。`,
    earlierAbsent: '核对结果：暂未查到此前一次未确认结果的提交的案件（查询结果可能稍有滞后，请先在任务列表核对）。该次提交填写的内容已清除（本机不保留个人信息），如确未受理，请重新填写后提交受理。',
  },
  draft: {
    restored: (time: string) => `已恢复未提交的草稿（保存于 ${time}）`,
    discard: '放弃草稿',
    offered: (applicant: string | undefined, time: string) => `有上次未提交的草稿（${applicant ? `申请人 ${applicant}，` : ''}保存于 ${time}）`,
    restore: '恢复',
    uncertain: '上次提交结果未知，请先在任务列表核对是否已受理。',
    discardOffer: '放弃',
    unconfirmed: '无法确认登录状态，草稿暂未恢复',
    confirming: '正在确认登录状态…',
    stillUnconfirmed: '仍无法确认登录状态，草稿暂未恢复',
    confirmDiscard: '放弃后已填写的内容将清除，不能恢复。确定放弃草稿？',
    confirmDiscardYes: '确定放弃',
  },
  shortcuts: {
    title: '快捷键',
    next: '下一件',
    previous: '上一件',
    claim: '认领',
    unclaim: '释放',
    complete: '办结 / 提交受理',
    newCase: '新办件',
    search: '查找',
    refresh: '刷新',
  },
} as const;

/** How much of a task's form data was read (共 12 项，只读取了 10 项; without a count, that there may be more). */
function leftOutCount(shown: number, total?: number): string {
  return total === undefined ? `只读取了 ${shown} 项，可能还有更多` : `共 ${total} 项，只读取了 ${shown} 项`;
}
