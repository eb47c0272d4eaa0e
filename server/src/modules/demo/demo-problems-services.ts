import type { ProblemSpec } from './demo-types';

/** 宝华's problems about amenities, business and care (P35–P43), and the two of 桐木. */
export const SERVICE_PROBLEMS: ProblemSpec[] = [
  {
    key: 'P35',
    category: 'amenities.shopping',
    title: '园区无快递驿站，购物取件难',
    summary: '园区周边没有快递驿站和超市，职工取件、购物不便。',
    lead: 'jinshan',
    outcome: 'closed',
    answer:
      '金山镇人民政府协调快递企业在园区东门设立快递驿站和便民服务点，提供代收代寄和日用品平价销售，营业时间为早8点至晚10点。',
  },
  {
    key: 'P36',
    category: 'amenities.utilities',
    title: '园区部分区域手机信号差、宽带难装',
    summary: '宿舍楼和车间手机信号弱，宽带无法安装，影响职工生活和企业生产。',
    lead: 'gongxin',
    outcome: 'open',
    from: '2023-09-01',
    latestFirst: '2023-09-19',
    weight: 2,
    handBack: {
      by: 'gongxin',
      reason:
        '通信基站建设由铁塔公司和各运营商负责，本局无审批职能，建议由社区直接协调运营商或改派其他部门。',
    },
  },
  {
    key: 'P37',
    category: 'amenities.utilities',
    title: '园区停水停电频繁且不提前通知',
    summary: '入夏后园区用电高峰频繁停电，宿舍多次停水，均未提前通知。',
    lead: 'gongxin',
    cooperating: ['zhujian'],
    outcome: 'closed',
    weight: 4,
    lateAnswer: true,
    answer:
      '县工信局协调供电公司对园区线路扩容改造，新增两台变压器；县住建局协调供水公司完成园区管网检修。今后计划停水停电均提前24小时在工作联络群和社区公众号通知。',
  },
  {
    key: 'P38',
    category: 'amenities.environment',
    title: '园区生活垃圾清运不及时',
    summary: '园区道路边垃圾桶满溢、清运不及时，空地焚烧垃圾，影响环境。',
    lead: 'jinshan',
    cooperating: ['zhujian'],
    outcome: 'closed',
    answer:
      '金山镇人民政府在园区增设垃圾收集点十二处，环卫车每日早晚各清运一次，安排网格员每日巡查，并对焚烧垃圾行为开展劝导和处罚。',
  },
  {
    key: 'P39',
    category: 'business.policy',
    title: '惠企政策不了解、申报流程繁琐',
    summary: '新入驻企业不清楚可享受哪些惠企政策，补贴申报材料多、跑多个部门。',
    lead: 'gongxin',
    cooperating: ['renshe'],
    outcome: 'closed',
    lateCoordination: true,
    answer:
      '县工信局编印《上栗县惠企政策清单》，在社区设立惠企政策服务专窗，每月组织一次政策宣讲会，对符合条件的企业推行“免申即享”，并安排专员一对一指导申报。',
  },
  {
    key: 'P40',
    category: 'business.finance',
    title: '中小企业融资难、贷款担保难',
    summary: '中小企业订单增加但流动资金紧张，缺少抵押物，贷款担保难。',
    lead: 'gongxin',
    outcome: 'closed',
    answer:
      '县工信局联合县内银行召开园区政银企对接会，推介财园信贷通、创业担保贷款等产品，现场八家企业达成贷款意向；县融资担保公司对园区小微企业降低担保费率。',
  },
  {
    key: 'P41',
    category: 'business.approval',
    title: '企业扩产用地用电审批慢',
    summary: '企业扩建厂房用地手续、新增用电报装办理时间长，影响投产。',
    lead: 'gongxin',
    cooperating: ['zhujian'],
    outcome: 'repliedClosed',
    answer:
      '县工信局答复：扩产用地需按国土空间规划履行报批程序，法定时限无法压缩；县里已建立园区重点项目审批绿色通道，由工信局专人全程代办，用电增容由供电公司开辟快速报装通道，相关企业用地手续预计两个月内办结。',
  },
  {
    key: 'P42',
    category: 'care.family',
    title: '职工亲子交流少、子女暑期无人照看',
    summary: '职工忙于工作，与子女交流沟通少；暑期孩子来园区后白天无人照看。',
    lead: 'zonggonghui',
    outcome: 'closed',
    answer:
      '县总工会与社区开办“小候鸟”暑期托管班，并组织“孩子进企业”亲子开放日，邀请职工子女参观父母工作的车间、体验岗位工作，已有一百余个家庭参加。',
  },
  {
    key: 'P43',
    category: 'care.activities',
    title: '青年职工业余文体活动少',
    summary: '园区下班后没有文体活动场所，青年职工业余生活单调，交友难。',
    lead: 'zonggonghui',
    outcome: 'closed',
    answer:
      '县总工会在社区建成职工书屋和灯光篮球场，每月组织篮球赛、趣味运动会和青年联谊活动，并开设免费的电脑、短视频剪辑兴趣班。',
  },
];

/** The two problems of 桐木工业小区. */
export const TONGMU_PROBLEMS: ProblemSpec[] = [
  {
    key: 'T01',
    category: 'transport.bus',
    title: '桐木工业小区至县城公交线路少',
    summary: '小区职工反映去县城只有一条公交线路，班次少、末班早。',
    lead: 'jiaotong',
    outcome: 'closed',
    answer:
      '县交通运输局协调公交公司将桐木至县城线路班次由每小时一班加密为每半小时一班，末班车延至21:00。',
  },
  {
    key: 'T02',
    category: 'recruitment.shortage',
    title: '花炮企业季节性招工难',
    summary: '花炮企业旺季前集中用工，季节性招工难。',
    lead: 'jiuye',
    outcome: 'closed',
    answer: '县劳动就业局在桐木镇举办花炮企业专场招聘会，并将岗位信息纳入就业服务驿站统一发布。',
  },
];
