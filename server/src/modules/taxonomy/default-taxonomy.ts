/**
 * The default two-level taxonomy, covering the troubles of the seed article (宝华工业社区).
 * Keywords and examples give the classifier (issue: text intelligence) something to start from
 * on day one. Admins edit the tree per deployment.
 */
export interface DefaultCategory {
  code: string;
  name: string;
  nameEn: string;
  keywords: string[];
  children: {
    code: string;
    name: string;
    nameEn: string;
    keywords: string[];
    examples?: string[];
  }[];
}

export const DEFAULT_TAXONOMY: DefaultCategory[] = [
  {
    code: 'recruitment',
    name: '招工用工',
    nameEn: 'Recruitment & staffing',
    keywords: ['招工', '用工', '招聘', '缺人'],
    children: [
      {
        code: 'recruitment.shortage',
        name: '招工难',
        nameEn: 'Hard to hire',
        keywords: ['招工难', '招不到', '缺工', '普工', '技工'],
        examples: ['试产前急招普工、技工、文员，招聘效果不理想'],
      },
      {
        code: 'recruitment.cost',
        name: '用工成本高',
        nameEn: 'High labour cost',
        keywords: ['用工成本', '社保成本', '人工成本'],
      },
      {
        code: 'recruitment.skills',
        name: '技能人才短缺',
        nameEn: 'Skilled-worker shortage',
        keywords: ['技能', '技术工人', '培训', '电工证'],
      },
      {
        code: 'recruitment.turnover',
        name: '员工流失',
        nameEn: 'Staff turnover',
        keywords: ['离职', '流失', '跳槽'],
      },
    ],
  },
  {
    code: 'schooling',
    name: '子女入学',
    nameEn: "Children's schooling",
    keywords: ['入学', '上学', '读书', '学校'],
    children: [
      {
        code: 'schooling.kindergarten',
        name: '幼儿园入园',
        nameEn: 'Kindergarten places',
        keywords: ['幼儿园', '入园', '插班'],
        examples: ['在县城购房后想让孩子在附近幼儿园入学，插班有难度'],
      },
      {
        code: 'schooling.primary',
        name: '中小学入学',
        nameEn: 'Primary and middle school',
        keywords: ['小学', '初中', '入学', '学位'],
      },
      {
        code: 'schooling.transfer',
        name: '学籍转入',
        nameEn: 'School transfer',
        keywords: ['转学', '学籍', '随迁子女'],
      },
    ],
  },
  {
    code: 'health',
    name: '职业健康',
    nameEn: 'Occupational health',
    keywords: ['职业病', '防护', '粉尘', '重金属'],
    children: [
      {
        code: 'health.checkup',
        name: '职业病体检',
        nameEn: 'Occupational check-ups',
        keywords: ['职业病体检', '体检', '职业病诊断'],
        examples: ['县里没有职业病诊断资质的机构，职工体检需自行前往市里'],
      },
      {
        code: 'health.protection',
        name: '劳动防护',
        nameEn: 'Protective equipment',
        keywords: ['防护用品', '口罩', '噪声', '高温'],
      },
    ],
  },
  {
    code: 'medical',
    name: '就医',
    nameEn: 'Medical care',
    keywords: ['看病', '就医', '医院', '医务室'],
    children: [
      {
        code: 'medical.night',
        name: '夜间看病',
        nameEn: 'Night clinic',
        keywords: ['夜间看病', '夜诊', '晚上看病', '值班'],
        examples: ['白天忙工作，夜间看病难'],
      },
      {
        code: 'medical.insurance',
        name: '医保报销',
        nameEn: 'Medical insurance',
        keywords: ['医保', '报销', '异地就医'],
      },
      {
        code: 'medical.basic',
        name: '基本医疗服务',
        nameEn: 'Basic medical services',
        keywords: ['医务室', '发热', '中医理疗', '入职体检'],
      },
    ],
  },
  {
    code: 'transport',
    name: '交通出行',
    nameEn: 'Transport',
    keywords: ['公交', '交通', '出行', '停车'],
    children: [
      {
        code: 'transport.bus',
        name: '公交线路',
        nameEn: 'Bus routes',
        keywords: ['公交', '班车', '站点'],
      },
      {
        code: 'transport.road',
        name: '道路与停车',
        nameEn: 'Roads and parking',
        keywords: ['道路', '停车', '红绿灯', '路灯'],
      },
    ],
  },
  {
    code: 'living',
    name: '餐饮住宿',
    nameEn: 'Meals & housing',
    keywords: ['食堂', '宿舍', '住房', '吃饭'],
    children: [
      {
        code: 'living.canteen',
        name: '食堂餐饮',
        nameEn: 'Canteen',
        keywords: ['食堂', '饭菜', '夜宵', '热饭'],
      },
      {
        code: 'living.housing',
        name: '宿舍住房',
        nameEn: 'Dormitory & housing',
        keywords: ['宿舍', '租房', '公租房', '住房'],
      },
    ],
  },
  {
    code: 'rights',
    name: '劳动权益/工资社保',
    nameEn: 'Labour rights, wages & insurance',
    keywords: ['工资', '社保', '合同', '加班'],
    children: [
      {
        code: 'rights.wages',
        name: '工资待遇',
        nameEn: 'Wages',
        keywords: ['拖欠工资', '工资', '欠薪', '最低工资'],
      },
      {
        code: 'rights.insurance',
        name: '社保缴纳',
        nameEn: 'Social insurance',
        keywords: ['社保', '断缴', '公积金', '工伤'],
      },
      {
        code: 'rights.contract',
        name: '劳动合同与休假',
        nameEn: 'Contracts and leave',
        keywords: ['劳动合同', '加班', '休假', '调休'],
      },
    ],
  },
  {
    code: 'safety',
    name: '安全生产',
    nameEn: 'Work safety',
    keywords: ['安全', '消防', '隐患'],
    children: [
      {
        code: 'safety.fire',
        name: '消防与危化品',
        nameEn: 'Fire and hazardous goods',
        keywords: ['消防', '烟花', '危化品', '爆竹'],
      },
      {
        code: 'safety.equipment',
        name: '设备与作业安全',
        nameEn: 'Equipment safety',
        keywords: ['设备', '机械', '作业安全', '事故'],
      },
    ],
  },
  {
    code: 'amenities',
    name: '生活配套',
    nameEn: 'Everyday amenities',
    keywords: ['超市', '快递', '水电', '网络'],
    children: [
      {
        code: 'amenities.shopping',
        name: '购物与快递',
        nameEn: 'Shopping and parcels',
        keywords: ['超市', '快递', '购物'],
      },
      {
        code: 'amenities.utilities',
        name: '水电网络',
        nameEn: 'Utilities',
        keywords: ['停水', '停电', '网络', '信号'],
      },
      {
        code: 'amenities.environment',
        name: '环境与治安',
        nameEn: 'Environment and order',
        keywords: ['卫生', '垃圾', '治安', '噪音'],
      },
    ],
  },
  {
    code: 'business',
    name: '企业经营/政策',
    nameEn: 'Business & policy',
    keywords: ['政策', '融资', '审批', '用地'],
    children: [
      {
        code: 'business.policy',
        name: '惠企政策',
        nameEn: 'Support policies',
        keywords: ['惠企政策', '补贴', '奖补', '免申即享'],
      },
      {
        code: 'business.finance',
        name: '融资贷款',
        nameEn: 'Financing',
        keywords: ['融资', '贷款', '资金'],
      },
      {
        code: 'business.approval',
        name: '用地用电与审批',
        nameEn: 'Land, power and permits',
        keywords: ['用地', '用电', '审批', '办证'],
      },
    ],
  },
  {
    code: 'care',
    name: '文体与关爱',
    nameEn: 'Culture, sport & care',
    keywords: ['活动', '关爱', '亲子', '心理'],
    children: [
      {
        code: 'care.activities',
        name: '文体活动',
        nameEn: 'Cultural and sports activities',
        keywords: ['文体活动', '篮球', '图书', '培训班'],
      },
      {
        code: 'care.family',
        name: '亲子与婚恋',
        nameEn: 'Family and dating',
        keywords: ['亲子', '孩子', '婚恋', '交友'],
        examples: ['组织孩子进企业参观，体验父母工作，增进亲子关系'],
      },
      {
        code: 'care.mental',
        name: '心理关爱',
        nameEn: 'Mental wellbeing',
        keywords: ['心理', '压力', '情绪'],
      },
    ],
  },
  {
    code: 'other',
    name: '其他',
    nameEn: 'Other',
    keywords: [],
    children: [{ code: 'other.misc', name: '其他事项', nameEn: 'Miscellaneous', keywords: [] }],
  },
];
