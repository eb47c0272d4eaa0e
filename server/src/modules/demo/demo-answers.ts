import type { Rating } from '../../../../common/enums';

/**
 * Answers given on the spot (当场解决), per second-level category; `{slot}`s as in texts. An
 * answer that relies on a problem's solution (`after`) is only given once that problem has been
 * answered; the others can be given at any time.
 */
export type OnSpotAnswer = string | { text: string; after: string };

export const ON_SPOT_ANSWERS: Record<string, OnSpotAnswer[]> = {
  'recruitment.shortage': [
    '已记录用工需求，当场提供了县劳动就业局招聘服务的联系方式和近期招聘会安排。',
    {
      text: '已现场登记企业用工需求，就业服务驿站当天在工作联络群、微信公众号和社区大厅投屏发布招聘信息。',
      after: 'P01',
    },
    {
      text: '已将求职意向登记到就业服务驿站求职库，并推荐了{n:2-4}家正在招聘{position}的企业，提供了联系方式。',
      after: 'P01',
    },
  ],
  'recruitment.cost': [
    '现场讲解了失业保险稳岗返还、一次性吸纳就业补贴等政策，并留下人社局联系人电话，企业可按清单准备材料申报。',
  ],
  'recruitment.skills': [
    '已讲解职业技能提升补贴政策和申请材料，并告知县内职业技能培训机构的报名方式。',
    {
      text: '已为其登记下一期电工、焊工职业技能培训班，培训合格可按规定享受补贴，开班前由驿站电话通知。',
      after: 'P05',
    },
  ],
  'recruitment.turnover': [
    '已与企业人事沟通，建议完善新员工入职关怀和师带徒机制，社区将组织青年职工交友活动。',
  ],
  'schooling.kindergarten': [
    '已现场讲解幼儿园入园政策和所需材料，并提供了县教育局咨询电话。',
    {
      text: '已现场告知入园申请材料清单（居住证、社保缴费证明、企业务工证明），由企业盖章后交社区统一报县教育局。',
      after: 'P07',
    },
  ],
  'schooling.primary': [
    '现场讲解了随迁子女入学政策和报名时间，并指导其准备居住证明、务工证明等材料。',
  ],
  'schooling.transfer': [
    '已提供转学办理流程：先联系转入学校出具接收证明，再到原学校办理转出，学籍系统内完成转接。',
  ],
  'medical.night': [
    '已告知夜间可就近前往金山镇卫生院急诊或拨打120，并将夜间就医需求记录汇总上报。',
    {
      text: '已告知湘赣合作产业园医务室已实行24小时轮流值班，夜间可直接前往或拨打值班电话。',
      after: 'P10',
    },
  ],
  'medical.insurance': [
    '现场指导其通过国家医保服务平台APP办理了异地就医备案，今后可在县内定点医院直接结算。',
    '已讲解门诊慢特病认定流程和所需材料，并预约了医保局窗口办理时间。',
  ],
  'medical.basic': [
    '已告知园区医务室的开放时间和可提供的基本医疗服务。',
    { text: '已告知医务室现可提供入职体检，并协助预约了本周的体检时段。', after: 'P14' },
  ],
  'health.checkup': [
    '已讲解职业健康检查的有关规定，岗中体检应由企业组织并承担费用，社区将督促企业落实。',
    { text: '已登记职业健康检查需求，纳入县总工会组织的下一批集体乘车体检名单。', after: 'P15' },
  ],
  'health.protection': [
    '已当场联系企业安全负责人，企业承诺本周内补发防护用品并增设降温设施，社区将回访核实。',
  ],
  'transport.bus': [
    '已告知现有公交线路的时刻表和站点，并将加密班次的需求记录汇总。',
    {
      text: '已告知园区公交最新时刻表和通勤专线乘车点，并将时刻表推送到职工工作联络群。',
      after: 'P19',
    },
  ],
  'transport.road': [
    '已通知园区物业当天修复路灯，并安排网格员夜间巡查。',
    '已联系交警中队对厂门口占道停放的货车进行劝离。',
  ],
  'living.canteen': ['已联系企业食堂负责人，企业同意增设微波炉并延长夜间供餐时间。'],
  'living.housing': ['现场讲解了公租房申请条件和所需材料，并发放了申请表。'],
  'rights.wages': [
    '已当场联系企业负责人核实，企业承诺于本周五前结清工资，社区将跟踪回访。',
    '现场讲解了加班工资和计件工资的法律规定，并告知劳动保障监察投诉渠道。',
  ],
  'rights.insurance': ['已讲解社保补缴和转移接续办理流程，并指导其在江西人社APP上提交申请。'],
  'rights.contract': ['已讲解劳动合同法相关规定，并联系企业人事，企业同意一周内补签劳动合同。'],
  'safety.fire': ['网格员已到现场督促企业清理消防通道堆放物并拍照留存，企业已当场整改。'],
  'safety.equipment': ['已通知企业安全负责人停用相关设备并安排维修，社区将联系应急管理局复查。'],
  'amenities.shopping': [
    '已告知附近可代收快递的网点和营业时间。',
    { text: '已告知园区东门快递驿站和便民服务点的位置、营业时间和联系电话。', after: 'P35' },
  ],
  'amenities.utilities': [
    '已联系供水公司，确认停水原因为管网检修，今后停水将提前在工作联络群通知。',
  ],
  'amenities.environment': ['已联系环卫所当天完成清运，并将该点位纳入每日清运路线。'],
  'business.policy': [
    '已登记企业政策咨询需求，并提供了县工信局政策咨询电话。',
    {
      text: '已现场发放《上栗县惠企政策清单》并登记企业信息，由工信局专人对接申报。',
      after: 'P39',
    },
  ],
  'business.finance': [
    '已讲解创业担保贷款和财园信贷通的申请条件，并推荐企业对接银行园区服务专员。',
  ],
  'business.approval': ['已告知报装和审批的办理窗口、所需材料，并协调开通绿色通道。'],
  'care.activities': [
    '已邀请其加入社区文体活动群，近期活动将在群内通知。',
    {
      text: '已告知社区职工书屋和灯光篮球场的开放时间，并邀请其加入社区文体活动群。',
      after: 'P43',
    },
  ],
  'care.family': [
    '已登记需求，社区将联合县总工会组织亲子活动，届时在工作联络群通知。',
    { text: '已登记需求，可直接报名社区“小候鸟”暑期托管班和亲子开放日活动。', after: 'P42' },
  ],
  'care.mental': ['已为其预约县总工会职工心理服务站的免费心理咨询，并提供了心理援助热线。'],
  'other.misc': [
    '已现场解答，并告知办理窗口、所需材料和办理时间。',
    '已现场登记并转交相关人员处理，当天已办结。',
  ],
};

/** Comments left with ratings. */
export const RATING_COMMENTS: Record<Rating, (string | null)[]> = {
  satisfied: [
    null,
    null,
    '解决得很及时，谢谢社区！',
    '社区办事效率高，点赞。',
    '问题解决了，很满意。',
    '工作人员很耐心，谢谢。',
    '没想到这么快就有回复。',
  ],
  basically_satisfied: [
    null,
    '有改善，希望继续跟进。',
    '基本解决了，但还需要时间看效果。',
    '答复清楚，但办理时间有点长。',
  ],
  dissatisfied: ['问题还是没有解决。', '只是解释了政策，实际困难没解决。'],
};
