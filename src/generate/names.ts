/** Word banks for the names of synthetic organizations and contact people. */

export const brandCharacters =
  '鲁华泰宏恒瑞金海齐天鑫博汇盛东德正永嘉润丰凯远昌信诚和兴达源通安康宁祥福航创新智联云睿岱沂蓝晟峰锦辰';

export const demanderNouns: Record<string, readonly string[]> = {
  'high-end-equipment': ['精密机械', '汽车零部件', '重工机械', '数控装备', '液压件', '轴承'],
  'light-industry-textile': ['纺织', '棉纺', '家纺', '服饰', '造纸', '食品'],
  'high-end-chemicals': ['化工', '精细化工', '橡胶轮胎', '石化'],
  'new-energy-materials': ['新能源', '光伏材料', '锂电材料', '先进陶瓷', '新材料'],
  'modern-marine': ['海洋科技', '水产', '海洋牧场', '海珍品'],
  'health-elderly-care': ['医药', '医疗器械', '康养', '医疗健康'],
  'modern-agriculture': ['农业科技', '果蔬', '种业', '农牧'],
  'cultural-creative': ['文化传媒', '文创', '出版'],
  'quality-tourism': ['文旅', '旅游发展', '景区管理'],
  'modern-finance': ['农村商业银行', '融资担保', '金融服务'],
  'transport-logistics': ['物流', '冷链物流', '港口', '运输'],
  'energy-utilities': ['热力', '水务', '燃气', '电力工程'],
  'next-gen-it': ['电子', '信息产业', '半导体'],
};

/** Public bodies post needs too: bureaus, hospitals, schools, sub-districts. */
export const publicBodies: Record<string, readonly string[]> = {
  'public-governance': [
    '大数据局',
    '城市管理局',
    '应急管理局',
    '综合行政执法局',
    '住房和城乡建设局',
    '生态环境局',
  ],
  'public-services': ['人力资源和社会保障局', '教育局', '第一人民医院', '职业技术学院', '民政局'],
};

export const vendorNouns: Record<string, readonly string[]> = {
  ai: ['智能', '智算'],
  llm: ['智能', '大模型'],
  'machine-vision': ['视觉', '智能装备'],
  'big-data': ['数据', '数智'],
  cloud: ['云', '软件'],
  iot: ['物联', '传感'],
  'industrial-internet': ['工业互联网', '工业软件'],
  'digital-twin': ['数字孪生', '数字'],
  '5g': ['通信', '网络'],
  edge: ['智能', '边缘计算'],
  blockchain: ['链信', '数字'],
  security: ['网络安全', '信息安全'],
  beidou: ['北斗', '导航'],
  'vr-ar': ['数字文化', '虚拟现实'],
  robotics: ['机器人', '智能装备'],
  'low-altitude': ['无人机', '低空'],
  'rpa-lowcode': ['软件', '信息'],
  gis: ['遥感', '地理信息'],
};

export const surnames: readonly (readonly [string, string])[] = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['赵', 'zhao'],
  ['孙', 'sun'],
  ['周', 'zhou'],
  ['吴', 'wu'],
  ['徐', 'xu'],
  ['马', 'ma'],
  ['高', 'gao'],
  ['郭', 'guo'],
  ['于', 'yu'],
  ['田', 'tian'],
  ['韩', 'han'],
  ['孔', 'kong'],
  ['曲', 'qu'],
  ['宋', 'song'],
];

export const givenNames: readonly (readonly [string, string])[] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['强', 'qiang'],
  ['洋', 'yang'],
  ['杰', 'jie'],
  ['军', 'jun'],
  ['娜', 'na'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['霞', 'xia'],
  ['建华', 'jianhua'],
  ['志刚', 'zhigang'],
  ['海燕', 'haiyan'],
  ['晓东', 'xiaodong'],
  ['立新', 'lixin'],
  ['文静', 'wenjing'],
];

/** 行政区划代码 of each city's seat, the 3rd–8th characters of a 统一社会信用代码. */
export const cityDivisionCodes: Record<string, string> = {
  jinan: '370100',
  qingdao: '370200',
  zibo: '370300',
  zaozhuang: '370400',
  dongying: '370500',
  yantai: '370600',
  weifang: '370700',
  jining: '370800',
  taian: '370900',
  weihai: '371000',
  rizhao: '371100',
  linyi: '371300',
  dezhou: '371400',
  liaocheng: '371500',
  binzhou: '371600',
  heze: '371700',
};
