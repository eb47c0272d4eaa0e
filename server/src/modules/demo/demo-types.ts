import type {
  Channel,
  EnterpriseSize,
  ReporterType,
  Role,
  Severity,
  Urgency,
} from '../../../../common/enums';
import type {
  CommunityTable,
  CountyTable,
  DepartmentTable,
  EnterpriseTable,
  EscalationTable,
  EventTable,
  ExtensionRequestTable,
  NotificationTable,
  ProblemDepartmentTable,
  ProblemTable,
  RatingTable,
  TroubleTable,
} from '../../db/schema';

/** Keys of the county departments (the pinyin of their short names). */
export type DeptKey =
  | 'jiuye'
  | 'jiaoyu'
  | 'zonggonghui'
  | 'weijian'
  | 'renshe'
  | 'yibao'
  | 'jiaotong'
  | 'zhujian'
  | 'shichang'
  | 'yingji'
  | 'gongxin'
  | 'jinshan';

export type CommunityKey = 'baohua' | 'tongmu';

/** How a problem stands at the end of September 2023. */
export type ProblemOutcome =
  'closed' | 'repliedClosed' | 'resolved' | 'replied' | 'open' | 'dispatched' | 'inProgress';

/** One 类问题 of the demo, with the way it was handled. */
export interface ProblemSpec {
  key: string;
  category: string;
  title: string;
  summary: string;
  lead: DeptKey;
  cooperating?: DeptKey[];
  outcome: ProblemOutcome;
  /** Its troubles fall between these local days; the first one no later than `latestFirst`. */
  from?: string;
  to?: string;
  latestFirst?: string;
  /** Relative share of its subcategory's troubles. */
  weight?: number;
  /** Resolution (resolve) or formal reply (reply) text. */
  answer?: string;
  publicSummary?: string;
  /** A public progress note while it is handled. */
  progress?: string;
  fast?: boolean;
  lateCoordination?: boolean;
  lateAnswer?: boolean;
  extension?: { reason: string; days: number };
  reopen?: { comment: string; answer: string; publicSummary: string };
  handBack?: { by: DeptKey; reason: string };
}

/** How many troubles of a second-level category a community collects, and what they look like. */
export interface SubcategoryProfile {
  code: string;
  total: number;
  onSpot: number;
  /** Preferred month, 0 = May … 4 = September, and its spread. */
  month: number;
  spread?: number;
  /** Weights of worker / enterprise / anonymous reporters. */
  reporters: [number, number, number];
  major: number;
  urgent: number;
  workers: [number, number];
  enterpriseWorkers?: [number, number];
  industries?: string[];
}

/** A trouble of the article itself, placed at a fixed moment. */
export interface AnchorSpec {
  category: string;
  problem: string;
  enterprise: string | null;
  reporterType: ReporterType;
  reporterName?: string;
  channel: Channel;
  day: string;
  hour: number;
  minute: number;
  title: string;
  body: string;
  severity: Severity;
  urgency: Urgency;
  workers: number;
}

export interface PlannedEnterprise {
  key: string;
  community: CommunityKey;
  name: string;
  shortName: string;
  industry: string;
  size: EnterpriseSize;
  employeeCount: number;
  contactName: string;
  contactPhone: string;
  address: string;
}

export interface PlannedUser {
  id: string;
  username: string;
  password: string;
  displayName: string;
  role: Role;
  scope: string;
  communityId: string | null;
  enterpriseId: string | null;
  departmentId: string | null;
}

type Ref<T> = Omit<T, 'created_at'>;

/** Everything the demo writes, as plain rows; the loader only encrypts, hashes and maps codes. */
export interface DemoPlan {
  county: Ref<CountyTable>;
  communities: (Ref<CommunityTable> & { key: CommunityKey })[];
  enterprises: (Omit<EnterpriseTable, 'created_at' | 'updated_at' | 'contact_phone_enc'> & {
    contact_phone: string;
  })[];
  departments: Ref<DepartmentTable>[];
  users: PlannedUser[];
  problems: (Omit<ProblemTable, 'category_id'> & { category_code: string })[];
  troubles: (Omit<TroubleTable, 'category_id' | 'reporter_phone_enc'> & {
    category_code: string;
    reporter_phone: string | null;
  })[];
  assignments: ProblemDepartmentTable[];
  events: EventTable[];
  extensions: ExtensionRequestTable[];
  escalations: EscalationTable[];
  ratings: RatingTable[];
  notifications: NotificationTable[];
  counters: { name: string; value: number }[];
}

export type PlannedTrouble = DemoPlan['troubles'][number];
export type PlannedProblem = DemoPlan['problems'][number];
