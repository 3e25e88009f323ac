/**
 * The Chinese texts the web apps share (login, layout, errors, dates). Each app keeps its own texts in one file
 * of its own (`web-<app>/src/texts.ts`); nothing user-visible is written inline elsewhere.
 */
export const zh = {
  officeName: '西宁市城中区医疗保障局',
  apps: {
    tasklist: '任务列表',
    monitor: '业务监控',
    modeler: '流程建模',
  },
  login: {
    title: '登录',
    subtitle: '医疗保障经办业务系统',
    username: '用户名',
    password: '密码',
    submit: '登录',
    submitting: '正在登录…',
    failed: '用户名或密码错误',
    missing: '请输入用户名和密码',
    sessionExpired: '登录已过期，请重新登录',
    loggedOutElsewhere: '已在其他标签页退出登录，请重新登录',
    otherUser: '此浏览器已由其他用户登录，请重新登录',
  },
  shell: {
    switchApp: '切换应用',
    logout: '退出登录',
    loggedInAs: (name: string) => `当前用户：${name}`,
    skipToContent: '跳到主要内容',
    /** A page of an app the user's roles do not give her (named: the switcher may show the others only). */
    noAccess: (app: string) => `您的账号没有使用此应用的权限（${app}）。`,
    /** Before the links to the apps she may use. */
    noAccessOthers: '您可以使用：',
    noAccessAsk: '如需使用此应用，请联系系统管理员。',
    shortcuts: '快捷键',
    loading: '正在加载…',
    newBuild: '系统已更新，请保存手头工作后刷新页面',
    reload: '刷新',
  },
  masking: {
    unchecked: '（未能读取案件数据，无法遮挡其中可能含有的个人信息，暂不显示。请刷新页面重试）',
    /** The same beside a 重试 button of its own. */
    uncheckedRetry: '未能读取案件数据，无法遮挡其中可能含有的个人信息，暂不显示。请点「重试」',
  },
  problems: {
    network: '无法连接服务器，请检查网络后重试',
    badRequest: '提交的内容有误',
    unauthenticated: '登录已过期，请重新登录',
    forbidden: '没有权限执行此操作',
    notFound: '未找到，可能已被他人办理或已撤销',
    conflict: '办理状态已变化',
    tooLarge: '提交的内容过大',
    unavailable: '服务暂时不可用，请稍后重试',
    server: '服务器处理出错，请稍后重试或联系系统管理员',
    unknown: (status: number) => `请求失败（${status}）`,
    inexactNumber: (shown: string, digits?: string) => `数字 ${shown}${digits ? `…（共 ${digits} 位）` : ' '}超出系统能原样保存的范围，请核对是否填错`,
    technicalDetail: '技术详情',
  },
  /** A case's deadline (web-shared/src/dates/case-deadline.tsx). */
  caseDeadline: {
    acceptedAt: '受理日期',
    notAccepted: '尚未受理',
    /**
     * A 即时办结 case holds no 受理 time: its day is the day it was registered (case-due.ts), shown so labelled where
     * the app reads it (the monitor), named as the rule where it cannot (the task list: not 即时受理, which a case
     * still awaiting its intake decision is not).
     */
    registered: (day: string) => `${day}（登记）`,
    byRegistration: '以登记日计',
    registrationDay: '登记当日',
    /** The case's variables are being read, or could not be: no deadline or verdict shown rather than a wrong one. */
    reading: '读取中…',
    unread: '案件变量未能读取，无法判断时限，请刷新页面重试',
    /** A case refused at intake (web-shared/src/format/refused-at-intake.ts; FC17's system refusal reads its decision). */
    refused: '不予受理',
    /** FC17's filing the system refused, before its notice has a number to read the decision from. */
    notRegistered: '不予备案',
    timeLimit: '法定时限',
    deadline: '办理时限届满日',
    remaining: '剩余工作日',
    kept: '是否按时',
    onTime: '按时办结',
    late: '逾期办结',
    canceled: '已撤销',
  },
  /** A deadline's remaining working days (the task list's and the monitor's case headers, the task list). */
  due: {
    overdue: (days: number | null) => (days === null ? '已逾期' : days === 0 ? '今日到期，已逾期' : `逾期 ${days} 个工作日`),
    dueToday: '今日到期',
    remaining: (days: number) => `剩 ${days} 个工作日`,
    noLimit: '无时限',
    notStarted: '受理后起算',
    /** 即时办结, where the app cannot see the registration day: the rule, not a day (web-shared/src/dates/case-due.ts). */
    sameDay: '即时办结',
    sameDayTitle: '即时办结：登记当日办结，到期以登记日计',
    unknown: '到期日无节假日数据',
    provisional: '（暂定）',
    dueOn: (date: string) => `到期日 ${date}`,
  },
  dates: {
    placeholder: '年-月-日',
    calendar: '日历',
    hint: '可直接输入，如 2026-12-05；↓ 进入日历，Esc 关闭',
    calendarFailed: '日历未能加载，请直接输入日期（如 2026-12-05），或刷新页面后重试',
    invalid: (text: string) => `「${text}」不是有效日期，请按 年-月-日 输入，例如 2026-12-05`,
    fromAfterTo: (from: string, to: string) => `开始日期 ${from} 晚于结束日期 ${to}，请调换或修改`,
  },
  common: {
    retry: '重试',
    cancel: '取消',
    close: '关闭',
    save: '保存',
    delete: '删除',
    yes: '是',
    no: '否',
    none: '无',
    print: '打印',
    previousPage: '上一页',
    nextPage: '下一页',
    pageOf: (page: number, pages: number) => `第 ${page} / ${pages} 页`,
  },
} as const;
