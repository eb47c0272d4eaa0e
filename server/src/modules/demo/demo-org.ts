import type { Role } from '../../../../common/enums';
import type { CommunityKey, DeptKey } from './demo-types';

/** The organisation of the demo: 上栗县, its two industrial communities and its departments. */
export const DEMO_COUNTY = { name: '上栗县', code: 'shangli' };

/** 宝华, the article's community, and 桐木, a smaller one to show community scoping. */
export const DEMO_COMMUNITIES: {
  key: CommunityKey;
  name: string;
  slug: string;
  codePrefix: string;
}[] = [
  { key: 'baohua', name: '宝华工业社区', slug: 'baohua', codePrefix: 'BH' },
  { key: 'tongmu', name: '桐木工业小区', slug: 'tongmu', codePrefix: 'TM' },
];

/** The county departments (and the town government) that problems are dispatched to. */
export const DEMO_DEPARTMENTS: {
  key: DeptKey;
  name: string;
  shortName: string;
  person: string;
}[] = [
  { key: 'jiuye', name: '上栗县劳动就业局', shortName: '劳动就业局', person: '宋汝蕾' },
  { key: 'jiaoyu', name: '上栗县教育局', shortName: '教育局', person: '刘建国' },
  { key: 'zonggonghui', name: '上栗县总工会', shortName: '总工会', person: '彭丽华' },
  { key: 'weijian', name: '上栗县卫生健康委员会', shortName: '卫健委', person: '黄志坚' },
  { key: 'renshe', name: '上栗县人力资源和社会保障局', shortName: '人社局', person: '钟晓燕' },
  { key: 'yibao', name: '上栗县医疗保障局', shortName: '医保局', person: '邓文斌' },
  { key: 'jiaotong', name: '上栗县交通运输局', shortName: '交通运输局', person: '肖海涛' },
  { key: 'zhujian', name: '上栗县住房和城乡建设局', shortName: '住建局', person: '谢明辉' },
  { key: 'shichang', name: '上栗县市场监督管理局', shortName: '市场监管局', person: '汤丽娟' },
  { key: 'yingji', name: '上栗县应急管理局', shortName: '应急管理局', person: '周立新' },
  { key: 'gongxin', name: '上栗县工业和信息化局', shortName: '工信局', person: '袁志刚' },
  { key: 'jinshan', name: '金山镇人民政府', shortName: '金山镇政府', person: '陈春梅' },
];

/** One demo password per role (each ≥ 8 characters, none on the common-password list). */
export const DEMO_PASSWORDS: Record<Role, string> = {
  admin: 'Fannao#Admin2023',
  supervisor: 'Tiexin#2023',
  staff: 'Shequ#2023',
  department: 'Bumen#2023',
  enterprise: 'Qiye#2023',
  worker: 'Zhigong#2023',
  auditor: 'Shenji#2023',
};

/** A demo login and where it belongs (keys are resolved to ids by the plan). */
export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  community?: CommunityKey;
  enterprise?: string;
  department?: DeptKey;
}

const DEPT_ACCOUNTS: DemoAccount[] = DEMO_DEPARTMENTS.map((d) => ({
  username: `dept-${d.key}`,
  displayName: `${d.shortName}·${d.person}`,
  role: 'department',
  department: d.key,
}));

/**
 * Every demo login: county admin and supervisor, community staff, departments, enterprises, a
 * worker, and the county's auditor (审计员, reads the audit trail only).
 */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'tiexinban', displayName: '县委贴心办', role: 'supervisor' },
  { username: 'baohua1', displayName: '崔远生', role: 'staff', community: 'baohua' },
  { username: 'baohua2', displayName: '刘晓婷', role: 'staff', community: 'baohua' },
  { username: 'baohua3', displayName: '黄建军', role: 'staff', community: 'baohua' },
  { username: 'tongmu1', displayName: '彭志强', role: 'staff', community: 'tongmu' },
  ...DEPT_ACCOUNTS,
  {
    username: 'qiye-fengdaxing',
    displayName: '丰达兴·钟美玲',
    role: 'enterprise',
    community: 'baohua',
    enterprise: 'fengdaxing',
  },
  {
    username: 'qiye-xinjuneng',
    displayName: '鑫聚能·熊涛',
    role: 'enterprise',
    community: 'baohua',
    enterprise: 'xinjuneng',
  },
  {
    username: 'qiye-tongnuowei',
    displayName: '通诺威·彭海军',
    role: 'enterprise',
    community: 'baohua',
    enterprise: 'tongnuowei',
  },
  {
    username: 'worker1',
    displayName: '周涛',
    role: 'worker',
    community: 'baohua',
    enterprise: 'shengda',
  },
  { username: 'shenji', displayName: '县审计员', role: 'auditor' },
];

/** Which staff member of 宝华 owns the problems and triages the troubles of a top category. */
export const BAOHUA_OWNERS: Record<string, string> = {
  recruitment: 'baohua2',
  schooling: 'baohua1',
  medical: 'baohua2',
  health: 'baohua2',
  rights: 'baohua2',
  business: 'baohua1',
  care: 'baohua1',
  transport: 'baohua3',
  living: 'baohua3',
  safety: 'baohua3',
  amenities: 'baohua3',
  other: 'baohua3',
};
