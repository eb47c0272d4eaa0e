import type { ImportKind } from '../../db/schema';

/**
 * The columns each import kind understands. A file's header cell matches a field when its
 * folded form (NFKC, lower case, no spaces or brackets) equals the label or one of the aliases;
 * column order does not matter and unknown columns are ignored (docs/import-export.md lists them).
 */
export interface FieldSpec {
  key: string;
  zh: string;
  en: string;
  aliases: string[];
  required?: boolean;
}

export interface KindSpec {
  kind: ImportKind;
  /** Who may import: staff for their own community, admins for any in their county. */
  roles: readonly ('staff' | 'admin')[];
  /** Rows belong to one community (troubles, enterprises, workers) or to the county. */
  perCommunity: boolean;
  fields: FieldSpec[];
}

const troubles: FieldSpec[] = [
  {
    key: 'receivedAt',
    zh: '反映时间',
    en: 'Received at',
    aliases: [
      '日期',
      '提交时间',
      '时间',
      '反映日期',
      '受理时间',
      '登记时间',
      '来访时间',
      '收集时间',
      '填写时间',
      '提交日期',
      'date',
      'time',
      'submitted at',
      'received',
    ],
    required: true,
  },
  {
    key: 'body',
    zh: '烦恼内容',
    en: 'Content',
    aliases: [
      '内容',
      '问题描述',
      '诉求内容',
      '反映内容',
      '具体问题',
      '具体内容',
      '烦恼',
      '诉求',
      '问题',
      '描述',
      '意见建议',
      '意见和建议',
      '反映问题',
      'content',
      'body',
      'description',
      'text',
    ],
    required: true,
  },
  {
    key: 'title',
    zh: '标题',
    en: 'Title',
    aliases: ['主题', '事项', '问题标题', 'title', 'subject'],
  },
  {
    key: 'category',
    zh: '分类',
    en: 'Category',
    aliases: [
      '类别',
      '问题类别',
      '问题分类',
      '烦恼类型',
      '烦恼类别',
      '诉求类型',
      '诉求分类',
      '类型',
      'category',
      'type',
    ],
  },
  {
    key: 'enterprise',
    zh: '企业',
    en: 'Enterprise',
    aliases: [
      '企业名称',
      '单位',
      '单位名称',
      '所在企业',
      '所在单位',
      '工作单位',
      '公司',
      '公司名称',
      'enterprise',
      'company',
    ],
  },
  {
    key: 'reporterName',
    zh: '反映人',
    en: 'Reporter',
    aliases: [
      '姓名',
      '反映人姓名',
      '联系人',
      '提交人',
      '来访人',
      'name',
      'reporter',
      'reporter name',
    ],
  },
  {
    key: 'reporterPhone',
    zh: '联系电话',
    en: 'Phone',
    aliases: [
      '电话',
      '手机',
      '手机号',
      '手机号码',
      '联系方式',
      '反映人电话',
      '反映人联系电话',
      '反映人手机',
      'phone',
      'mobile',
      'tel',
    ],
  },
  {
    key: 'channel',
    zh: '渠道',
    en: 'Channel',
    aliases: ['来源', '反映渠道', '收集方式', '来源渠道', '收集渠道', 'channel', 'source'],
  },
  {
    key: 'reporterType',
    zh: '反映人类型',
    en: 'Reporter type',
    aliases: ['身份', '反映人身份', '人员类别', 'reporter type'],
  },
  { key: 'severity', zh: '轻重', en: 'Severity', aliases: ['严重程度', '轻重程度', 'severity'] },
  { key: 'urgency', zh: '缓急', en: 'Urgency', aliases: ['紧急程度', '缓急程度', 'urgency'] },
  {
    key: 'workersAffected',
    zh: '涉及人数',
    en: 'Workers affected',
    aliases: ['人数', '影响人数', '涉及职工人数', 'workers affected', 'workers'],
  },
  {
    key: 'answer',
    zh: '当场答复',
    en: 'Answer on the spot',
    aliases: ['答复', '答复内容', '处理结果', '办理结果', '现场答复', 'answer', 'on-spot answer'],
  },
  { key: 'anonymous', zh: '是否匿名', en: 'Anonymous', aliases: ['匿名', 'anonymous'] },
];

const enterprises: FieldSpec[] = [
  {
    key: 'name',
    zh: '企业名称',
    en: 'Name',
    aliases: ['企业', '单位名称', '公司名称', '名称', '企业全称', 'enterprise', 'company', 'name'],
    required: true,
  },
  { key: 'industry', zh: '行业', en: 'Industry', aliases: ['所属行业', '行业类别', 'industry'] },
  { key: 'size', zh: '规模', en: 'Size', aliases: ['企业规模', '规模类型', 'size'] },
  {
    key: 'employeeCount',
    zh: '员工人数',
    en: 'Employees',
    aliases: [
      '职工人数',
      '用工人数',
      '人数',
      '从业人数',
      '在职人数',
      'employees',
      'employee count',
    ],
  },
  {
    key: 'contactName',
    zh: '联系人',
    en: 'Contact',
    aliases: ['联络员', '企业联系人', 'contact', 'contact name'],
  },
  {
    key: 'contactPhone',
    zh: '联系电话',
    en: 'Contact phone',
    aliases: ['电话', '手机', '联系方式', '联系人电话', 'phone', 'contact phone'],
  },
  {
    key: 'address',
    zh: '地址',
    en: 'Address',
    aliases: ['企业地址', '详细地址', '注册地址', 'address'],
  },
];

const workers: FieldSpec[] = [
  {
    key: 'name',
    zh: '姓名',
    en: 'Name',
    aliases: ['职工姓名', '员工姓名', 'name'],
    required: true,
  },
  {
    key: 'enterprise',
    zh: '企业',
    en: 'Enterprise',
    aliases: [
      '企业名称',
      '单位',
      '单位名称',
      '所在企业',
      '工作单位',
      '公司',
      'enterprise',
      'company',
    ],
  },
  {
    key: 'phone',
    zh: '手机号',
    en: 'Phone',
    aliases: ['电话', '手机', '手机号码', '联系电话', 'phone', 'mobile'],
  },
  {
    key: 'idNumber',
    zh: '身份证号',
    en: 'ID number',
    aliases: ['身份证', '身份证号码', '证件号码', '公民身份号码', 'id number', 'id'],
  },
  { key: 'gender', zh: '性别', en: 'Gender', aliases: ['gender', 'sex'] },
  {
    key: 'position',
    zh: '岗位',
    en: 'Position',
    aliases: ['工种', '职务', '岗位名称', 'position', 'job'],
  },
  {
    key: 'hiredOn',
    zh: '入职日期',
    en: 'Hired on',
    aliases: ['入职时间', '入职', 'hired on', 'hire date'],
  },
  { key: 'note', zh: '备注', en: 'Note', aliases: ['说明', 'note', 'remarks'] },
];

const departments: FieldSpec[] = [
  {
    key: 'name',
    zh: '部门名称',
    en: 'Name',
    aliases: ['部门', '单位名称', '职能部门', '名称', 'department', 'name'],
    required: true,
  },
  { key: 'shortName', zh: '简称', en: 'Short name', aliases: ['部门简称', 'short name'] },
];

export const KIND_SPECS: Record<ImportKind, KindSpec> = {
  troubles: { kind: 'troubles', roles: ['staff', 'admin'], perCommunity: true, fields: troubles },
  enterprises: {
    kind: 'enterprises',
    roles: ['staff', 'admin'],
    perCommunity: true,
    fields: enterprises,
  },
  workers: { kind: 'workers', roles: ['staff', 'admin'], perCommunity: true, fields: workers },
  departments: { kind: 'departments', roles: ['admin'], perCommunity: false, fields: departments },
};

export const IMPORT_KINDS = ['troubles', 'enterprises', 'workers', 'departments'] as const;

/** Header of the reason column in the bad-rows file; ignored when that file is uploaded again. */
export const REASON_HEADER = '错误原因';
