/**
 * Server-side texts for problem+json messages and notifications, zh-CN (default) and English.
 * Templates use {name} placeholders filled from the error's params.
 */
export type Locale = 'zh-CN' | 'en';

const entityNames: Record<string, { 'zh-CN': string; en: string }> = {
  trouble: { 'zh-CN': '烦恼', en: 'trouble' },
  problem: { 'zh-CN': '类问题', en: 'problem' },
  enterprise: { 'zh-CN': '企业', en: 'enterprise' },
  community: { 'zh-CN': '社区', en: 'community' },
  department: { 'zh-CN': '职能部门', en: 'department' },
  user: { 'zh-CN': '用户', en: 'user' },
  category: { 'zh-CN': '分类', en: 'category' },
  attachment: { 'zh-CN': '附件', en: 'attachment' },
  extension: { 'zh-CN': '延期申请', en: 'extension request' },
  supervisionOrder: { 'zh-CN': '督办单', en: 'supervision order' },
  notification: { 'zh-CN': '通知', en: 'notification' },
  route: { 'zh-CN': '接口', en: 'route' },
  calendarDay: { 'zh-CN': '日历日期', en: 'calendar day' },
  report: { 'zh-CN': '月报', en: 'report' },
  import: { 'zh-CN': '导入任务', en: 'import' },
  county: { 'zh-CN': '县', en: 'county' },
  channel: { 'zh-CN': '通知渠道', en: 'notification channel' },
  delivery: { 'zh-CN': '通知投递', en: 'delivery' },
  apiKey: { 'zh-CN': 'API 密钥', en: 'API key' },
  service: { 'zh-CN': '服务类型', en: 'service' },
  serviceRequest: { 'zh-CN': '服务请求', en: 'service request' },
  clusterRun: { 'zh-CN': '聚类批次', en: 'clustering run' },
  cluster: { 'zh-CN': '候选类问题', en: 'candidate problem' },
};

const templates: Record<string, { 'zh-CN': string; en: string }> = {
  VALIDATION_FAILED: {
    'zh-CN': '提交的数据不符合要求：{summary}',
    en: 'The request is invalid: {summary}',
  },
  BAD_REQUEST: { 'zh-CN': '请求无效：{reason}', en: 'Bad request: {reason}' },
  UNAUTHENTICATED: {
    'zh-CN': '请先登录，或登录已过期。',
    en: 'Please log in; your session may have expired.',
  },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误。', en: 'Wrong username or password.' },
  TOTP_REQUIRED: {
    'zh-CN': '此账号已开启两步验证，请输入验证器应用中的 6 位验证码或一个恢复码。',
    en: 'This account uses two-step verification: enter the 6-digit code from your authenticator app or a recovery code.',
  },
  TOTP_INVALID: {
    'zh-CN': '验证码错误或已使用，请输入验证器应用中当前显示的验证码。',
    en: 'The code is wrong or was already used; enter the code your authenticator app shows now.',
  },
  TOTP_ENROLLMENT_REQUIRED: {
    'zh-CN': '您的角色必须开启两步验证，请先完成设置。',
    en: 'Your role requires two-step verification; set it up first.',
  },
  ACCOUNT_LOCKED: {
    'zh-CN': '登录失败次数过多，账号已临时锁定，请 {minutes} 分钟后再试。',
    en: 'Too many failed logins; the account is locked for {minutes} minutes.',
  },
  FORBIDDEN: {
    'zh-CN': '您没有权限执行此操作：{action}。',
    en: 'You are not allowed to {action}.',
  },
  CSRF_FAILED: {
    'zh-CN': '安全校验失败，请刷新页面后重试。',
    en: 'Security check failed (CSRF); reload the page and try again.',
  },
  NOT_FOUND: { 'zh-CN': '找不到{entity}“{id}”。', en: 'No {entity} "{id}" was found.' },
  CONFLICT: { 'zh-CN': '操作冲突：{reason}', en: 'Conflict: {reason}' },
  INVALID_TRANSITION: {
    'zh-CN': '当前状态为“{from}”的{entity}不能执行“{action}”。',
    en: 'A {entity} in status "{from}" cannot be {action}.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '幂等键“{key}”已用于另一份不同的提交。',
    en: 'Idempotency key "{key}" was already used for a different request.',
  },
  RULE_VIOLATION: { 'zh-CN': '不符合业务规则：{rule}', en: 'Business rule violated: {rule}' },
  PAYLOAD_TOO_LARGE: {
    'zh-CN': '文件过大，上限为 {limit}。',
    en: 'The upload is too large; the limit is {limit}.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': '不支持的文件类型，仅支持 {accepted}。',
    en: 'Unsupported file type; only {accepted} are accepted.',
  },
  RATE_LIMITED: {
    'zh-CN': '请求过于频繁，请稍后再试。',
    en: 'Too many requests; please try again later.',
  },
  SERVICE_UNAVAILABLE: {
    'zh-CN': '服务暂不可用，请稍后重试。',
    en: 'The service is unavailable; please retry.',
  },
  INTERNAL: {
    'zh-CN': '服务器内部错误，请稍后重试。',
    en: 'Internal server error; please retry later.',
  },
};

/** Human labels for statuses and actions that appear inside messages. */
const labels: Record<string, { 'zh-CN': string; en: string }> = {
  open: { 'zh-CN': '待处理', en: 'open' },
  dispatched: { 'zh-CN': '已交办', en: 'dispatched' },
  in_progress: { 'zh-CN': '协调落实中', en: 'in progress' },
  resolved: { 'zh-CN': '已解决', en: 'resolved' },
  replied: { 'zh-CN': '已答复', en: 'replied' },
  closed: { 'zh-CN': '已办结', en: 'closed' },
  merged: { 'zh-CN': '已合并', en: 'merged' },
  received: { 'zh-CN': '已受理', en: 'received' },
  resolved_on_spot: { 'zh-CN': '当场解决', en: 'resolved on the spot' },
  linked: { 'zh-CN': '已归入类问题', en: 'linked' },
  dispatch: { 'zh-CN': '交办', en: 'dispatched' },
  accept: { 'zh-CN': '签收', en: 'accepted' },
  handBack: { 'zh-CN': '退回', en: 'handed back' },
  reply: { 'zh-CN': '答复', en: 'replied' },
  resolve: { 'zh-CN': '办结', en: 'resolved' },
  close: { 'zh-CN': '关闭', en: 'closed' },
  reopen: { 'zh-CN': '重新办理', en: 'reopened' },
  sendBack: { 'zh-CN': '退回重办', en: 'sent back' },
  merge: { 'zh-CN': '合并', en: 'merged' },
  split: { 'zh-CN': '拆分', en: 'split' },
  link: { 'zh-CN': '归入类问题', en: 'linked' },
  resolveOnSpot: { 'zh-CN': '当场解决', en: 'resolved on the spot' },
  triage: { 'zh-CN': '分拣', en: 'triaged' },
  rate: { 'zh-CN': '评价', en: 'rated' },
  requestExtension: { 'zh-CN': '申请延期', en: 'given an extension request' },
  note: { 'zh-CN': '记录进展', en: 'given a progress note' },
  issueSupervision: { 'zh-CN': '督办', en: 'put under supervision' },
  'audit.read': { 'zh-CN': '查阅审计日志', en: 'read the audit trail' },
};

export function label(key: string, locale: Locale): string {
  return labels[key]?.[locale] ?? entityNames[key]?.[locale] ?? key;
}

/** Values used when an error does not name them (photo uploads predate import files). */
const paramDefaults: Record<string, { 'zh-CN': string; en: string }> = {
  accepted: { 'zh-CN': 'JPEG、PNG、WebP 图片', en: 'JPEG, PNG and WebP images' },
};

export function messageFor(
  code: string,
  params: Record<string, string | number>,
  locale: Locale,
): string {
  const template = templates[code]?.[locale] ?? templates.INTERNAL![locale];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name] ?? paramDefaults[name]?.[locale];
    if (value === undefined) {
      return '';
    }
    if (name === 'entity' || name === 'from' || name === 'action') {
      return label(String(value), locale);
    }
    if (name === 'rule' || name === 'reason') {
      return ruleText(String(value), params, locale);
    }
    return String(value);
  });
}

const rules: Record<string, { 'zh-CN': string; en: string }> = {
  reopenLimit: {
    'zh-CN': '该类问题已重新办理 {count} 次，达到上限。',
    en: 'the problem has already been reopened {count} times, the limit.',
  },
  reasonRequired: { 'zh-CN': '必须填写理由。', en: 'a reason is required.' },
  enterpriseOutOfScope: {
    'zh-CN': '企业不在您的管辖范围内。',
    en: 'the enterprise is outside your scope.',
  },
  communityMismatch: {
    'zh-CN': '所选对象不属于同一社区。',
    en: 'the records belong to different communities.',
  },
  alreadyRated: { 'zh-CN': '本轮办理已评价过。', en: 'this round has already been rated.' },
  notRateable: {
    'zh-CN': '办理完成后才能评价。',
    en: 'a trouble can be rated only after it has been answered.',
  },
  extensionPending: {
    'zh-CN': '已有待审批的延期申请。',
    en: 'an extension request is already pending.',
  },
  extensionNotLater: {
    'zh-CN': '申请的期限必须晚于当前期限。',
    en: 'the requested deadline must be later than the current one.',
  },
  leadRequired: {
    'zh-CN': '必须指定一个牵头部门。',
    en: 'exactly one lead department is required.',
  },
  notAssigned: {
    'zh-CN': '该类问题未交办给您的部门。',
    en: 'the problem is not assigned to your department.',
  },
  splitAll: {
    'zh-CN': '拆分时必须保留至少一条烦恼在原类问题中。',
    en: 'a split must leave at least one trouble in the original problem.',
  },
  notInProblem: {
    'zh-CN': '所选烦恼不属于该类问题。',
    en: 'a selected trouble does not belong to the problem.',
  },
  sameProblem: { 'zh-CN': '不能合并到自身。', en: 'a problem cannot be merged into itself.' },
  passwordReused: {
    'zh-CN': '新密码不能与当前密码相同。',
    en: 'the new password must differ from the current one.',
  },
  passwordTooCommon: {
    'zh-CN': '密码过于常见，请换一个更难猜的密码。',
    en: 'the password is too common; choose a harder one.',
  },
  duplicate: {
    'zh-CN': '已存在相同的记录（名称或编号重复）。',
    en: 'a record with the same name or code exists.',
  },
  concurrentChange: {
    'zh-CN': '该记录正被他人同时修改，请稍后重试。',
    en: 'the record was changed at the same time by someone else; please retry.',
  },
  referenceMissing: {
    'zh-CN': '引用的记录不存在。',
    en: 'a referenced record does not exist.',
  },
  malformedBody: { 'zh-CN': '请求内容不是有效的 JSON。', en: 'the body is not valid JSON.' },
  badInput: { 'zh-CN': '请求格式不正确。', en: 'the request is malformed.' },
  daysOutsideYear: {
    'zh-CN': '所有日期都必须在 {year} 年内。',
    en: 'every day must be in {year}.',
  },
  periodDays: {
    'zh-CN': '开始和结束日期都必须是有效日期（YYYY-MM-DD）。',
    en: 'from and to must both be real days written YYYY-MM-DD.',
  },
  periodMonth: { 'zh-CN': '月份格式应为 YYYY-MM。', en: 'the month must be written YYYY-MM.' },
  periodQuarter: {
    'zh-CN': '季度格式应为 YYYY-Q1 至 YYYY-Q4。',
    en: 'the quarter must be written YYYY-Q1 … YYYY-Q4.',
  },
  periodYear: { 'zh-CN': '年份格式应为 YYYY。', en: 'the year must be written YYYY.' },
  periodOrder: {
    'zh-CN': '结束日期必须晚于开始日期。',
    en: 'the period must end after it starts.',
  },
  periodTooLong: { 'zh-CN': '统计周期最长 20 年。', en: 'the period may cover at most 20 years.' },
  oneFilter: {
    'zh-CN': '企业、行业、渠道和反映人类型一次只能按其中一项筛选。',
    en: 'filter by one of enterprise, industry, channel or reporter type at a time.',
  },
  filtersNeedMonths: {
    'zh-CN': '按企业、行业、渠道或反映人类型筛选时，统计周期须为整月。',
    en: 'filters by enterprise, industry, channel or reporter type need whole months.',
  },
  reportMonthFuture: {
    'zh-CN': '该月份尚未开始，不能生成月报。',
    en: 'the report month has not begun yet.',
  },
  dictionaryWord: {
    'zh-CN': '词典词条“{word}”无效：须为 1–20 个字符，不含空格和标点。',
    en: 'the dictionary word "{word}" is invalid: 1–20 characters without spaces or punctuation.',
  },
  dictionaryTooLarge: {
    'zh-CN': '词典最多 {max} 个词条。',
    en: 'the dictionary holds at most {max} words.',
  },
  communityRequired: {
    'zh-CN': '请指定社区或企业。',
    en: 'a community or an enterprise is required.',
  },
  receivedAtRange: {
    'zh-CN': '受理时间必须在过去一年之内且不能晚于现在。',
    en: 'the received time must lie within the past year and not in the future.',
  },
  paramTooLong: {
    'zh-CN': '地址中的参数过长。',
    en: 'a parameter in the URL is too long.',
  },
  nulCharacter: {
    'zh-CN': '提交的内容含有空字符（\\u0000）。',
    en: 'the request contains a NUL character (\\u0000).',
  },
  badUrl: { 'zh-CN': '地址格式不正确。', en: 'the URL is malformed.' },
  uploadFileName: {
    'zh-CN': '文件名不能包含路径或控制字符。',
    en: 'the file name must not contain a path or control characters.',
  },
  currentPasswordWrong: { 'zh-CN': '当前密码不正确。', en: 'the current password is wrong.' },
  totpCodeWrong: {
    'zh-CN': '验证码错误或已使用。',
    en: 'the code is wrong or was already used.',
  },
  totpAlreadyEnabled: {
    'zh-CN': '两步验证已开启，如需更换请先关闭。',
    en: 'two-step verification is already on; turn it off first to change it.',
  },
  totpNotStarted: {
    'zh-CN': '请先开始设置两步验证。',
    en: 'start setting up two-step verification first.',
  },
  totpNotEnabled: { 'zh-CN': '两步验证未开启。', en: 'two-step verification is off.' },
  totpRequiredByPolicy: {
    'zh-CN': '您的角色必须使用两步验证，不能关闭；手机丢失请联系管理员重置。',
    en: 'your role must use two-step verification; ask an administrator to reset it if you lost your phone.',
  },
  usernameTaken: { 'zh-CN': '用户名已被占用。', en: 'the username is taken.' },
  slugTaken: { 'zh-CN': '社区标识已被占用。', en: 'the community slug is taken.' },
  scopeRequired: {
    'zh-CN': '该角色必须指定所属范围（社区/企业/部门）。',
    en: 'this role needs its scope (community, enterprise or department).',
  },
  categoryDepth: {
    'zh-CN': '分类只支持两级。',
    en: 'categories have two levels only.',
  },
  uploadUnknown: {
    'zh-CN': '附件不存在或已被使用。',
    en: 'an attachment does not exist or is already used.',
  },
  imageTooLarge: {
    'zh-CN': '图片尺寸过大（最大 {max} 像素）。',
    en: 'the image is too large (at most {max} pixels a side).',
  },
  supervisionClosed: {
    'zh-CN': '督办单已办结。',
    en: 'the supervision order is closed.',
  },
  clusterNoTroubles: {
    'zh-CN': '该月没有未归类的烦恼可供聚类。',
    en: 'there are no unlinked troubles in that month to cluster.',
  },
  clusterTooMany: {
    'zh-CN': '一次最多聚类 {max} 条烦恼，请缩小范围。',
    en: 'at most {max} troubles can be clustered at once; narrow the range.',
  },
  clusterDecided: {
    'zh-CN': '该候选类问题已被采纳或驳回，不能再修改。',
    en: 'the candidate has already been accepted or rejected.',
  },
  clusterMemberMissing: {
    'zh-CN': '烦恼“{id}”不在本批次可调整的候选类问题中。',
    en: 'trouble "{id}" is not in an editable candidate of this run.',
  },
  replyMissing: {
    'zh-CN': '该类问题还没有答复，无法评价答复质量。',
    en: 'the problem has no answer yet, so there is nothing to score.',
  },
  clusterNothingToLink: {
    'zh-CN': '该候选类问题中的烦恼都已归入其他类问题。',
    en: 'every trouble of the candidate has already been linked elsewhere.',
  },
  troubleHandled: {
    'zh-CN': '该烦恼已处理，不能再修改。',
    en: 'the trouble has already been handled.',
  },
  importEmptyFile: { 'zh-CN': '上传的文件是空的。', en: 'the uploaded file is empty.' },
  importLegacyXls: {
    'zh-CN': '不支持旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再上传。',
    en: 'legacy .xls files are not supported; save the file as .xlsx or CSV and upload it again.',
  },
  importZipLimits: {
    'zh-CN': 'XLSX 文件解压后过大或结构异常，已拒绝（防压缩炸弹）。',
    en: 'the XLSX file expands too much or is malformed (zip-bomb guard).',
  },
  importTooManyRows: {
    'zh-CN': '文件超过 {max} 行数据，请拆分后分批导入。',
    en: 'the file has more than {max} data rows; split it and import the parts.',
  },
  importMissingColumns: {
    'zh-CN': '找不到必填列：{columns}。请检查表头（可参考导入模板与列名别名）。',
    en: 'required columns are missing: {columnsEn}. Check the header row (see the column names and aliases).',
  },
  importNotCommittable: {
    'zh-CN': '该导入任务当前状态为“{status}”，不能提交（须先完成校验，且未提交过）。',
    en: 'the import is "{status}" and cannot be committed (it must be validated and not yet committed).',
  },
  importKindUnknown: {
    'zh-CN': '导入类型须为 troubles、enterprises、workers 或 departments。',
    en: 'the import kind must be troubles, enterprises, workers or departments.',
  },
  smtpNotConfigured: {
    'zh-CN': '服务器未配置邮件发送（SMTP_HOST），不能添加邮件渠道。',
    en: 'e-mail is not configured on the server (SMTP_HOST); e-mail channels cannot be added.',
  },
  channelEmails: {
    'zh-CN': '请填写 1 至 20 个有效的邮箱地址，用逗号分隔。',
    en: 'give 1 to 20 valid e-mail addresses, separated by commas.',
  },
  channelUrl: {
    'zh-CN': '渠道地址必须是 http(s) 网址。',
    en: 'the channel target must be an http(s) URL.',
  },
  channelUrlShape: {
    'zh-CN':
      '地址不符合 {kind} 机器人的 Webhook 格式（企业微信需带 key，钉钉需带 access_token，飞书为 /open-apis/bot/v2/hook/…）。',
    en: 'the URL does not look like a {kind} robot webhook (WeCom needs key, DingTalk access_token, Feishu /open-apis/bot/v2/hook/…).',
  },
  channelSecretRequired: {
    'zh-CN': '通用 Webhook 必须设置签名密钥。',
    en: 'a generic webhook needs a signing secret.',
  },
  channelSecretUnused: {
    'zh-CN': '该类渠道不使用签名密钥（企业微信的密钥就是地址中的 key）。',
    en: 'this kind of channel takes no signing secret (a WeCom key is part of its URL).',
  },
  deliverySent: {
    'zh-CN': '该通知已发送成功，不能重发。',
    en: 'the delivery was already sent and is not sent again.',
  },
  deliveryNotFailed: {
    'zh-CN': '只有发送失败的通知可以重新投递。',
    en: 'only failed deliveries can be retried.',
  },
  open311ApiKey: {
    'zh-CN': 'api_key 缺失或无效。',
    en: 'the api_key is missing or invalid.',
  },
  open311Location: {
    'zh-CN': '请提供位置：lat 和 long、address_string 或 address_id 之一。',
    en: 'a location is required: lat and long, address_string or address_id.',
  },
  open311Attribute: {
    'zh-CN': '属性 {code} 的取值无效。',
    en: 'attribute {code} has an invalid value.',
  },
  open311DateRange: {
    'zh-CN': 'start_date 和 end_date 须为 ISO 8601 时间，且相隔不超过 90 天。',
    en: 'start_date and end_date must be ISO 8601 datetimes at most 90 days apart.',
  },
  open311Format: {
    'zh-CN': '格式只支持 .json 和 .xml。',
    en: 'the format must be .json or .xml.',
  },
};

function ruleText(key: string, params: Record<string, string | number>, locale: Locale): string {
  const t = rules[key]?.[locale];
  if (!t) {
    return key;
  }
  return t.replace(/\{(\w+)\}/g, (_, n: string) => String(params[n] ?? ''));
}

/** Picks zh-CN unless the client clearly prefers English. */
export function localeFromHeader(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) {
    return 'zh-CN';
  }
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
