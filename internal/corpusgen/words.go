package corpusgen

// pair is a word or name in English and in Chinese.
type pair struct{ en, zh string }

var topics = []pair{
	{"ai", "人工智能"}, {"chips", "芯片"}, {"energy", "能源"}, {"biotech", "生物技术"},
	{"finance", "金融"}, {"climate", "气候"}, {"space", "航天"}, {"media", "媒体"},
	{"education", "教育"}, {"policy", "政策"}, {"robotics", "机器人"}, {"health", "医疗"},
}

var westernFirst = []pair{
	{"Alice", "爱丽丝"}, {"Brian", "布莱恩"}, {"Carla", "卡拉"}, {"David", "大卫"},
	{"Elena", "埃琳娜"}, {"Felix", "费利克斯"}, {"Grace", "格蕾丝"}, {"Henry", "亨利"},
	{"Irene", "艾琳"}, {"James", "詹姆斯"}, {"Karen", "凯伦"}, {"Leo", "利奥"},
	{"Maya", "玛雅"}, {"Noah", "诺亚"}, {"Olivia", "奥利维亚"}, {"Peter", "彼得"},
	{"Quinn", "奎因"}, {"Rosa", "罗莎"}, {"Samuel", "塞缪尔"}, {"Tara", "塔拉"},
	{"Victor", "维克多"}, {"Wendy", "温迪"}, {"Xavier", "泽维尔"}, {"Yara", "亚拉"},
	{"Zoe", "佐伊"}, {"Adam", "亚当"}, {"Bella", "贝拉"}, {"Colin", "科林"},
	{"Diana", "戴安娜"}, {"Ethan", "伊森"}, {"Fiona", "菲奥娜"}, {"George", "乔治"},
	{"Hannah", "汉娜"}, {"Ivan", "伊万"}, {"Julia", "朱莉娅"}, {"Kevin", "凯文"},
	{"Laura", "劳拉"}, {"Martin", "马丁"}, {"Nina", "尼娜"}, {"Oscar", "奥斯卡"},
	{"Paula", "葆拉"}, {"Ralph", "拉尔夫"}, {"Sofia", "索菲娅"}, {"Thomas", "托马斯"},
	{"Uma", "乌玛"}, {"Vera", "薇拉"}, {"Walter", "沃尔特"}, {"Yusuf", "优素福"},
	{"Anna", "安娜"}, {"Daniel", "丹尼尔"}, {"Marco", "马可"}, {"Ingrid", "英格丽"},
}

var westernLast = []pair{
	{"Baker", "贝克"}, {"Carter", "卡特"}, {"Dalton", "道尔顿"}, {"Ellis", "埃利斯"},
	{"Fischer", "菲舍尔"}, {"Garcia", "加西亚"}, {"Hoffman", "霍夫曼"}, {"Ivanova", "伊万诺娃"},
	{"Jensen", "延森"}, {"Keller", "凯勒"}, {"Lambert", "兰伯特"}, {"Moreau", "莫罗"},
	{"Novak", "诺瓦克"}, {"Okafor", "奥卡福"}, {"Petrov", "彼得罗夫"}, {"Quintana", "金塔纳"},
	{"Rossi", "罗西"}, {"Schmidt", "施密特"}, {"Tanaka", "田中"}, {"Ulrich", "乌尔里希"},
	{"Vargas", "巴尔加斯"}, {"Weber", "韦伯"}, {"Young", "杨格"}, {"Zimmer", "齐默"},
	{"Amodio", "阿莫迪奥"}, {"Bennett", "贝内特"}, {"Costa", "科斯塔"}, {"Duarte", "杜阿尔特"},
	{"Eriksen", "埃里克森"}, {"Fontaine", "方丹"}, {"Grant", "格兰特"}, {"Hayes", "海斯"},
	{"Iqbal", "伊克巴尔"}, {"Jordan", "乔丹"}, {"Kowalski", "科瓦尔斯基"}, {"Larsen", "拉森"},
	{"Mendes", "门德斯"}, {"Nakamura", "中村"}, {"Olsen", "奥尔森"}, {"Park", "朴"},
	{"Reyes", "雷耶斯"}, {"Sato", "佐藤"}, {"Turner", "特纳"}, {"Usman", "乌斯曼"},
	{"Volkov", "沃尔科夫"}, {"Walsh", "沃尔什"}, {"Yilmaz", "耶尔马兹"}, {"Zhukov", "朱可夫"},
	{"Abbott", "阿博特"}, {"Brooks", "布鲁克斯"}, {"Chandra", "钱德拉"}, {"Dubois", "杜布瓦"},
	{"Evans", "埃文斯"}, {"Ferrari", "法拉利"}, {"Gupta", "古普塔"}, {"Hansen", "汉森"},
	{"Ibrahim", "易卜拉欣"}, {"Jovanovic", "约万诺维奇"}, {"Kim", "金"}, {"Lindqvist", "林德奎斯特"},
	{"Murphy", "墨菲"}, {"Nielsen", "尼尔森"}, {"Ortega", "奥尔特加"}, {"Patel", "帕特尔"},
	{"Richter", "里希特"}, {"Silva", "席尔瓦"}, {"Thornton", "桑顿"}, {"Underwood", "安德伍德"},
	{"Vidal", "比达尔"}, {"Whitaker", "惠特克"}, {"Xu-Lambert", "徐兰伯特"}, {"Yates", "耶茨"},
	{"Zeller", "策勒"}, {"Albers", "阿尔伯斯"}, {"Bianchi", "比安奇"}, {"Castillo", "卡斯蒂略"},
	{"Donnelly", "唐纳利"}, {"Engel", "恩格尔"}, {"Farouk", "法鲁克"}, {"Galloway", "加洛韦"},
	{"Holm", "霍尔姆"}, {"Ishikawa", "石川"}, {"Jaeger", "耶格尔"}, {"Kaplan", "卡普兰"},
	{"Lopez", "洛佩斯"}, {"Maddox", "马多克斯"}, {"Nowak", "诺瓦"}, {"Osei", "奥塞"},
	{"Pereira", "佩雷拉"}, {"Quigley", "奎格利"}, {"Rahman", "拉赫曼"}, {"Strand", "斯特兰德"},
	{"Tiwari", "蒂瓦里"}, {"Varga", "瓦尔加"}, {"Winter", "温特"}, {"Zhao-Miller", "赵米勒"},
}

var chineseSurname = []pair{
	{"Wang", "王"}, {"Li", "李"}, {"Zhang", "张"}, {"Liu", "刘"}, {"Chen", "陈"},
	{"Yang", "杨"}, {"Zhao", "赵"}, {"Huang", "黄"}, {"Zhou", "周"}, {"Wu", "吴"},
	{"Xu", "徐"}, {"Sun", "孙"}, {"Hu", "胡"}, {"Zhu", "朱"}, {"Gao", "高"},
	{"Lin", "林"}, {"He", "何"}, {"Guo", "郭"}, {"Ma", "马"}, {"Luo", "罗"},
	{"Song", "宋"}, {"Tang", "唐"}, {"Han", "韩"}, {"Feng", "冯"}, {"Deng", "邓"},
}

var chineseGiven = []pair{
	{"Wei", "伟"}, {"Fang", "芳"}, {"Min", "敏"}, {"Jing", "静"}, {"Lei", "磊"},
	{"Jun", "军"}, {"Jie", "杰"}, {"Tao", "涛"}, {"Ming", "明"}, {"Chao", "超"},
	{"Xiuying", "秀英"}, {"Hua", "华"}, {"Ping", "平"}, {"Gang", "刚"}, {"Hui", "慧"},
	{"Lan", "兰"}, {"Ning", "宁"}, {"Kai", "凯"}, {"Zhiyuan", "志远"}, {"Haoran", "浩然"},
	{"Yutong", "雨桐"}, {"Zixuan", "子轩"}, {"Xinyi", "欣怡"}, {"Junjie", "俊杰"},
	{"Yifan", "一帆"}, {"Shuhan", "书涵"}, {"Mingyu", "明宇"}, {"Ruoxi", "若曦"},
	{"Jiahui", "嘉慧"}, {"Tianyi", "天一"}, {"Siyu", "思雨"}, {"Hongwei", "宏伟"},
	{"Xiaoming", "晓明"}, {"Yanan", "亚楠"}, {"Chenxi", "晨曦"}, {"Wenjing", "文静"},
}

var companyHead = []pair{
	{"Blue", "蓝"}, {"Quantum", "量子"}, {"Nova", "新星"}, {"Silver", "银河"}, {"Deep", "深度"},
	{"Bright", "明亮"}, {"Iron", "钢铁"}, {"Clear", "清澈"}, {"Red", "红杉"}, {"North", "北极"},
	{"Open", "开放"}, {"Stellar", "星辰"}, {"Green", "绿洲"}, {"Swift", "迅捷"}, {"Cloud", "云端"},
	{"True", "真知"}, {"Vector", "矢量"}, {"Apex", "巅峰"}, {"Lumen", "流明"}, {"Orbit", "轨道"},
	{"Pioneer", "先锋"}, {"Harbor", "港湾"}, {"Summit", "高峰"}, {"Cobalt", "钴蓝"}, {"Aurora", "极光"},
	{"Falcon", "猎鹰"}, {"Granite", "花岗"}, {"Helix", "螺旋"}, {"Maple", "枫叶"}, {"Zenith", "天顶"},
	{"Atlas", "阿特拉斯"}, {"Beacon", "灯塔"}, {"Crystal", "水晶"}, {"Delta", "三角洲"}, {"Ember", "余烬"},
}

var companyTail = []pair{
	{"Labs", "实验室"}, {"Systems", "系统"}, {"Dynamics", "动力"}, {"Robotics", "机器人"},
	{"Networks", "网络"}, {"Analytics", "分析"}, {"Energy", "能源"}, {"Bio", "生物"},
	{"Works", "工坊"}, {"Semiconductor", "半导体"}, {"Motors", "汽车"}, {"Capital", "资本"},
	{"Media", "传媒"}, {"Health", "健康"}, {"Intelligence", "智能"}, {"Materials", "材料"},
	{"Logistics", "物流"}, {"Aerospace", "航天"}, {"Pharma", "制药"}, {"Software", "软件"},
	{"Foods", "食品"}, {"Devices", "设备"}, {"Cloud", "云计算"}, {"Genomics", "基因"},
	{"Batteries", "电池"}, {"Optics", "光学"}, {"Security", "安全"}, {"Mobility", "出行"},
	{"Instruments", "仪器"}, {"Data", "数据"},
}

var productName = []pair{
	{"Atlas", "阿特拉斯"}, {"Beacon", "毕肯"}, {"Comet", "彗星"}, {"Echo", "回声"},
	{"Falcon", "猎鹰"}, {"Glacier", "冰川"}, {"Horizon", "地平线"}, {"Iris", "鸢尾"},
	{"Juniper", "杜松"}, {"Kestrel", "红隼"}, {"Lynx", "猞猁"}, {"Mosaic", "马赛克"},
	{"Nimbus", "雨云"}, {"Onyx", "玛瑙"}, {"Prism", "棱镜"}, {"Quartz", "石英"},
	{"Raven", "渡鸦"}, {"Sierra", "山脊"}, {"Tempest", "风暴"}, {"Umbra", "本影"},
	{"Vortex", "漩涡"}, {"Willow", "柳树"}, {"Xenon", "氙"}, {"Yonder", "远方"},
	{"Zephyr", "西风"}, {"Arrow", "箭"}, {"Bolt", "闪电"}, {"Cinder", "灰烬"},
	{"Drift", "漂流"}, {"Flux", "通量"}, {"Harmony", "和声"}, {"Pulse", "脉冲"},
}

var places = []pair{
	{"Boston", "波士顿"}, {"Shanghai", "上海"}, {"Berlin", "柏林"}, {"Tokyo", "东京"},
	{"Toronto", "多伦多"}, {"Shenzhen", "深圳"}, {"London", "伦敦"}, {"Paris", "巴黎"},
	{"Seoul", "首尔"}, {"Singapore", "新加坡"}, {"Zurich", "苏黎世"}, {"Beijing", "北京"},
	{"Hangzhou", "杭州"}, {"Munich", "慕尼黑"}, {"Stockholm", "斯德哥尔摩"}, {"Madrid", "马德里"},
	{"Sydney", "悉尼"}, {"Nairobi", "内罗毕"}, {"Lagos", "拉各斯"}, {"Mumbai", "孟买"},
	{"Bangalore", "班加罗尔"}, {"Chengdu", "成都"}, {"Wuhan", "武汉"}, {"Vienna", "维也纳"},
	{"Oslo", "奥斯陆"}, {"Helsinki", "赫尔辛基"}, {"Lisbon", "里斯本"}, {"Montreal", "蒙特利尔"},
	{"Austin", "奥斯汀"}, {"Denver", "丹佛"}, {"Kyoto", "京都"}, {"Osaka", "大阪"},
	{"Nanjing", "南京"}, {"Xiamen", "厦门"}, {"Edinburgh", "爱丁堡"}, {"Geneva", "日内瓦"},
	{"Prague", "布拉格"}, {"Warsaw", "华沙"}, {"Dublin", "都柏林"}, {"Cairo", "开罗"},
	{"Hamburg", "汉堡"}, {"Milan", "米兰"}, {"Taipei", "台北"}, {"Hong Kong", "香港"},
	{"Vancouver", "温哥华"}, {"Seattle", "西雅图"}, {"Pittsburgh", "匹兹堡"}, {"Delft", "代尔夫特"},
}

// orgForm builds an organization's name from a place: %s is the place.
var orgForm = []pair{
	{"University of %s", "%s大学"}, {"%s Institute of Technology", "%s理工学院"},
	{"%s Policy Center", "%s政策中心"}, {"%s Foundation", "%s基金会"},
	{"%s Research Council", "%s研究委员会"}, {"%s Academy of Sciences", "%s科学院"},
	{"%s Observatory", "%s天文台"}, {"%s Regulatory Agency", "%s监管局"},
	{"%s Medical School", "%s医学院"}, {"%s Economic Forum", "%s经济论坛"},
	{"%s Open Data Alliance", "%s开放数据联盟"}, {"%s Press Club", "%s记者俱乐部"},
}

var conceptHead = []pair{
	{"open", "开放"}, {"distributed", "分布式"}, {"synthetic", "合成"}, {"renewable", "可再生"},
	{"quantum", "量子"}, {"autonomous", "自主"}, {"generative", "生成式"}, {"federated", "联邦"},
	{"regulatory", "监管"}, {"computational", "计算"}, {"precision", "精准"}, {"decentralized", "去中心化"},
	{"sustainable", "可持续"}, {"personalized", "个性化"}, {"edge", "边缘"}, {"modular", "模块化"},
	{"embodied", "具身"}, {"verifiable", "可验证"}, {"low-carbon", "低碳"}, {"large-scale", "大规模"},
	{"algorithmic", "算法"}, {"collaborative", "协同"}, {"adaptive", "自适应"}, {"frontier", "前沿"},
	{"circular", "循环"}, {"digital", "数字"}, {"neural", "神经"}, {"orbital", "轨道"},
	{"open-source", "开源"}, {"industrial", "工业"}, {"clinical", "临床"}, {"spatial", "空间"},
	{"automated", "自动化"}, {"ethical", "伦理"}, {"cross-border", "跨境"}, {"grid-scale", "电网级"},
	{"data-driven", "数据驱动"}, {"mobile", "移动"}, {"trustworthy", "可信"}, {"hybrid", "混合"},
}

var conceptTail = []pair{
	{"learning", "学习"}, {"energy", "能源"}, {"biology", "生物学"}, {"finance", "金融"},
	{"governance", "治理"}, {"safety", "安全"}, {"computing", "计算"}, {"markets", "市场"},
	{"diplomacy", "外交"}, {"manufacturing", "制造"}, {"medicine", "医学"}, {"storage", "储能"},
	{"education", "教育"}, {"journalism", "新闻业"}, {"agriculture", "农业"}, {"logistics", "物流"},
	{"reasoning", "推理"}, {"privacy", "隐私"}, {"infrastructure", "基础设施"}, {"research", "研究"},
	{"chips", "芯片"}, {"launch systems", "发射系统"}, {"insurance", "保险"}, {"mobility", "出行"},
	{"sensing", "传感"}, {"models", "模型"}, {"standards", "标准"}, {"supply chains", "供应链"},
	{"vaccines", "疫苗"}, {"batteries", "电池"}, {"satellites", "卫星"}, {"payments", "支付"},
	{"robotics", "机器人技术"}, {"translation", "翻译"}, {"auditing", "审计"}, {"cities", "城市"},
	{"materials", "材料"}, {"genomics", "基因组学"}, {"advertising", "广告"}, {"security", "安全防护"},
}

// groupForm builds a group's name from a concept: %s is the concept.
var groupForm = []pair{
	{"%s skeptics", "%s怀疑论者"}, {"%s advocates", "%s倡导者"}, {"critics of %s", "%s的批评者"},
	{"%s investors", "%s投资者"}, {"%s researchers", "%s研究者"}, {"early adopters of %s", "%s的早期用户"},
}

var hostOutlets = []pair{
	{"Tech Frontiers", "科技前沿"}, {"The Long Interview", "长谈"}, {"Signal and Noise", "信号与噪声"},
	{"Future Weekly", "未来周刊"}, {"Deep Talk", "深度对话"}, {"Open Questions", "开放问题"},
}
