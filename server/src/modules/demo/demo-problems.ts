import { DAILY_PROBLEMS } from './demo-problems-daily';
import { SERVICE_PROBLEMS } from './demo-problems-services';
import type { ProblemSpec } from './demo-types';

/**
 * The 43 类问题 of 宝华工业社区 (May–September 2023): 33 closed (4 of them after a formal reply),
 * 4 resolved and 1 replied awaiting closure, 5 still being handled and overdue — 38 办结.
 * This file holds recruitment, schooling, medical care and occupational health.
 */
const FIRST_BAOHUA_PROBLEMS: ProblemSpec[] = [
  {
    key: 'P01',
    category: 'recruitment.shortage',
    title: '园区企业普工技工招聘难',
    summary:
      '通诺威等多家企业反映一线普工、技工长期缺口大，自行招聘效果不理想，招工难位列烦恼排行榜前列。',
    lead: 'jiuye',
    cooperating: ['renshe'],
    outcome: 'closed',
    weight: 10,
    answer:
      '县劳动就业局已入驻社区设立就业服务驿站，安排工作人员常驻办公，企业招工、劳动者求职均可在驿站登记；驿站每月走访园区企业摸清用工需求，通过工作联络群、第三方人力资源平台、微信公众号和社区大厅滚动投屏发布招聘信息，并将求职者精准推荐给用工企业。',
    publicSummary:
      '就业服务驿站已在社区挂牌运行，企业用工需求和个人求职均可到社区大厅登记，招聘信息每日更新。',
    progress: '县劳动就业局已派员到社区现场办公，正在逐户登记园区企业用工需求。',
  },
  {
    key: 'P02',
    category: 'recruitment.shortage',
    title: '新投产企业试产前急招普工技工文员',
    summary: '鑫聚能科技年初入驻园区，8月开始试产，试产前急需普工、技工、文员等岗位，招聘时间紧。',
    lead: 'jiuye',
    outcome: 'closed',
    from: '2023-07-24',
    to: '2023-08-31',
    weight: 4,
    fast: true,
    answer:
      '就业服务驿站当天将鑫聚能科技的岗位需求推送至工作联络群、第三方人力资源平台和社区大厅投屏，次日即组织十几名求职者到企业面试，此后每周跟进到岗情况，试产所需岗位已基本到位。',
    publicSummary: '社区与县劳动就业局次日即组织十几名求职者到企业面试，试产所需岗位已基本招齐。',
  },
  {
    key: 'P03',
    category: 'recruitment.shortage',
    title: '招聘信息分散，求职者不了解园区岗位',
    summary: '职工和外来求职者反映园区各企业招聘信息分散，不清楚哪些企业在招人、待遇如何。',
    lead: 'jiuye',
    outcome: 'resolved',
    from: '2023-09-12',
    latestFirst: '2023-09-21',
    weight: 2,
    answer:
      '就业服务驿站已汇总园区企业在招岗位，编制《宝华工业社区岗位信息周报》，每周一在社区大厅滚动投屏、微信公众号和各企业工作联络群同步发布，并开通求职登记二维码。',
  },
  {
    key: 'P04',
    category: 'recruitment.cost',
    title: '企业社保缴费和用工成本负担重',
    summary: '部分中小企业反映人工成本和社保缴费逐年上涨，希望减轻用工负担。',
    lead: 'renshe',
    cooperating: ['yibao'],
    outcome: 'repliedClosed',
    answer:
      '经县人社局、县医保局研究答复：社保缴费比例和基数由省级统一规定，县里无权调整；企业可享受失业保险稳岗返还、一次性吸纳就业补贴、阶段性缓缴等政策。县人社局已安排专人到就业服务驿站逐户辅导申报，园区已有十余家企业完成稳岗返还申请。',
    publicSummary: '社保缴费标准由省里统一规定，县人社局已上门辅导企业申报稳岗返还等减负政策。',
  },
  {
    key: 'P05',
    category: 'recruitment.skills',
    title: '电工焊工等持证技工紧缺',
    summary: '企业反映持证电工、焊工和SMT、CNC等技术工人难招，职工希望就近参加技能培训。',
    lead: 'renshe',
    cooperating: ['jiuye'],
    outcome: 'closed',
    answer:
      '县人社局联合县职业技术学校在社区开办电工、焊工、SMT操作等订单式职业技能培训班，利用周末和晚上授课，培训合格者按规定享受职业技能提升补贴，首期已有四十余名职工参训。',
  },
  {
    key: 'P06',
    category: 'recruitment.turnover',
    title: '新招员工流失快，企业留人难',
    summary: '企业反映新员工入职后三个月内流失近半，主要原因是住宿条件差、业余生活单调。',
    lead: 'zonggonghui',
    cooperating: ['renshe'],
    outcome: 'closed',
    answer:
      '县总工会指导企业建立新员工入职关怀和师带徒制度，社区联合企业工会每月组织青年职工联谊和文体活动，并推动企业改善宿舍条件，已有多家企业设立员工关爱基金。',
  },
  {
    key: 'P07',
    category: 'schooling.kindergarten',
    title: '外来务工人员子女幼儿园插班难',
    summary: '外来务工职工在县城购房或租房后，子女想就近入读幼儿园，但插班难、不熟悉当地政策。',
    lead: 'jiaoyu',
    outcome: 'closed',
    weight: 6,
    answer:
      '社区工作人员多次前往县教育局及周边幼儿园沟通，明确了办理流程：园区职工有子女入学需求时，向企业提出申请并提交相关材料，企业盖章后送社区，由社区汇总统一报县教育局统筹安排学位，并及时反馈办理进度。',
    publicSummary:
      '职工子女入园入学实行“职工申请—企业盖章—社区汇总—县教育局统筹”，不再需要职工自己跑腿。',
  },
  {
    key: 'P08',
    category: 'schooling.primary',
    title: '随迁子女就近入读小学学位紧张',
    summary: '外来务工职工子女秋季入读小学，城区学校学位紧张，职工担心没有学位或离园区太远。',
    lead: 'jiaoyu',
    outcome: 'repliedClosed',
    answer:
      '县教育局答复：城区部分小学学位已饱和，今年秋季随迁子女按居住地就近统筹安排到有空余学位的学校，已为园区职工子女预留学位；县里正在规划建设园区配套小学，建成后将从根本上缓解学位紧张。',
  },
  {
    key: 'P09',
    category: 'schooling.transfer',
    title: '随迁子女转学和学籍办理流程不清',
    summary: '职工子女从外地转学到上栗，转出转入手续和学籍转接流程不清楚，职工多次请假往返。',
    lead: 'jiaoyu',
    outcome: 'closed',
    answer:
      '县教育局编制了随迁子女转学办理清单（所需材料、办理顺序、时限），在社区服务大厅和各企业张贴，材料由社区统一收集报送，学籍系统转接由接收学校代办。',
  },
  {
    key: 'P10',
    category: 'medical.night',
    title: '职工夜间就医难',
    summary: '职工白天忙工作，晚上下班后出现发热、疼痛等症状时附近没有医疗点，夜间看病难。',
    lead: 'weijian',
    cooperating: ['jinshan'],
    outcome: 'closed',
    weight: 8,
    answer:
      '县卫健委协调湘赣合作产业园医务室增设24小时轮流值班，并从金山镇卫生院派出骨干医生值班，提供基本医疗、入职体检、中医理疗等服务，夜间值班电话已公布到各企业。',
    publicSummary:
      '湘赣合作产业园医务室已实行24小时轮流值班，金山镇卫生院派骨干医生驻点，夜间可直接就诊。',
  },
  {
    key: 'P11',
    category: 'medical.night',
    title: '园区夜间急救车辆到达慢',
    summary: '职工反映夜间突发急症拨打120后救护车到达园区时间长，希望在园区附近设置急救站点。',
    lead: 'weijian',
    cooperating: ['jinshan'],
    outcome: 'dispatched',
    from: '2023-09-01',
    latestFirst: '2023-09-19',
    weight: 2,
  },
  {
    key: 'P12',
    category: 'medical.insurance',
    title: '异地就医医保报销手续繁琐',
    summary: '外地户籍职工在县内就医后需回参保地报销，异地就医备案不会办理，报销往返奔波。',
    lead: 'yibao',
    outcome: 'closed',
    answer:
      '县医保局在社区设立医保服务点，每周三上午派员到社区现场办理异地就医备案、门诊慢特病认定和医保关系转移，并指导职工使用国家医保服务平台APP自助备案；县内定点医院已全部开通跨省直接结算。',
  },
  {
    key: 'P13',
    category: 'medical.insurance',
    title: '外省户籍职工医保转移接续难',
    summary: '外省户籍职工换工作后医保中断，跨省转移接续手续复杂。',
    lead: 'yibao',
    outcome: 'resolved',
    from: '2023-09-10',
    latestFirst: '2023-09-21',
    weight: 2,
    answer:
      '县医保局梳理了跨省医保关系转移接续办理流程，安排专人对园区外省户籍职工一对一代办，已办结二十余人，并将办理流程二维码张贴在各企业公示栏。',
  },
  {
    key: 'P14',
    category: 'medical.basic',
    title: '园区医务室药品少、入职体检排队久',
    summary: '职工反映园区医务室药品种类少，新员工入职体检需到县医院排队。',
    lead: 'weijian',
    outcome: 'closed',
    answer:
      '县卫健委为园区医务室增配常用药品目录，开通入职体检服务，企业可集中预约，每周二、周四上午在医务室进行，不再需要到县医院排队。',
  },
  {
    key: 'P15',
    category: 'health.checkup',
    title: '职业病体检需往返市区',
    summary:
      '园区多电线电路生产企业，员工长期接触重金属，县里没有具备职业病诊断资质的机构，职工进行职业病体检需自行前往市里。',
    lead: 'zonggonghui',
    cooperating: ['weijian'],
    outcome: 'closed',
    weight: 8,
    answer:
      '社区通过县总工会联系萍乡慈铭健康管理有限公司，按企业报送的名单安排有需要的职工定期集体乘车前往体检，费用由企业承担，体检结果由企业统一领取并向职工反馈。',
    publicSummary: '县总工会已联系萍乡慈铭健康管理有限公司，定期组织职工集体乘车进行职业病体检。',
    progress: '县总工会正在与萍乡慈铭健康管理有限公司商定集体体检的时间和乘车安排。',
  },
  {
    key: 'P16',
    category: 'health.checkup',
    title: '线路板企业职工担心重金属接触健康隐患',
    summary: '线路板、电镀岗位职工担心长期接触重金属影响健康，体检异常后不知如何复查。',
    lead: 'weijian',
    cooperating: ['zonggonghui'],
    outcome: 'resolved',
    from: '2023-09-08',
    latestFirst: '2023-09-21',
    weight: 2,
    answer:
      '县卫健委组织职业卫生专家到园区线路板、电镀企业开展职业病危害因素检测和健康宣讲，督促企业完善通风和个人防护措施，并为体检异常的职工安排复查。',
  },
  {
    key: 'P17',
    category: 'health.protection',
    title: '高温车间防暑降温措施不到位',
    summary: '入夏后部分企业车间温度过高，降温设施不足，职工中暑情况时有发生。',
    lead: 'zonggonghui',
    cooperating: ['yingji'],
    outcome: 'closed',
    from: '2023-06-15',
    to: '2023-08-31',
    weight: 4,
    lateCoordination: true,
    lateAnswer: true,
    answer:
      '县总工会开展“夏送清凉”活动，为园区高温岗位职工送去防暑降温物资；会同县应急管理局对高温车间开展检查，督促四家企业增设冷风机、调整高温时段作业，并按规定发放高温津贴。',
  },
  {
    key: 'P18',
    category: 'health.protection',
    title: '噪声粉尘岗位防护用品配发不足',
    summary: '打磨、冲压等岗位职工反映防尘口罩、耳塞等防护用品配发不足。',
    lead: 'weijian',
    cooperating: ['yingji'],
    outcome: 'closed',
    answer:
      '县卫健委对相关企业开展职业卫生监督检查，责令企业按岗位配齐防尘口罩、耳塞耳罩等防护用品并建立发放台账，社区回访职工确认已按标准发放。',
  },
];

/** The 43 problem specs of 宝华, in code order. */
export const BAOHUA_PROBLEMS: ProblemSpec[] = [
  ...FIRST_BAOHUA_PROBLEMS,
  ...DAILY_PROBLEMS,
  ...SERVICE_PROBLEMS,
];
