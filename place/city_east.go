package place

import "slices"

// citiesCN is the whole gazetteer of China.
var citiesCN = slices.Concat(citiesWest, citiesEast)

// citiesEast is the gazetteer of the rest of China: every capital, and a few
// major cities of the larger provinces.
var citiesEast = []City{
	// Municipalities and special administrative regions: the city is the subdivision.
	{"CN-BJ", "Beijing", "北京", "Beijing", []string{"Peking", "Пекин"}},
	{"CN-TJ", "Tianjin", "天津", "Tianjin", []string{"Tientsin", "Тяньцзинь"}},
	{"CN-SH", "Shanghai", "上海", "Shanghai", []string{"Шанхай"}},
	{"CN-HK", "Hong Kong", "香港", "Xianggang", []string{"Гонконг"}},
	{"CN-MO", "Macao", "澳门", "Aomen", []string{"Macau", "澳門", "Макао"}},

	// Hebei
	{"CN-HE", "Shijiazhuang", "石家庄", "Shijiazhuang", []string{"Шицзячжуан"}},
	{"CN-HE", "Tangshan", "唐山", "Tangshan", nil},
	{"CN-HE", "Baoding", "保定", "Baoding", nil},
	{"CN-HE", "Handan", "邯郸", "Handan", nil},
	{"CN-HE", "Qinhuangdao", "秦皇岛", "Qinhuangdao", nil},
	{"CN-HE", "Zhangjiakou", "张家口", "Zhangjiakou", []string{"Kalgan"}},
	{"CN-HE", "Chengde", "承德", "Chengde", nil},
	{"CN-HE", "Langfang", "廊坊", "Langfang", nil},
	{"CN-HE", "Cangzhou", "沧州", "Cangzhou", nil},

	// Shanxi
	{"CN-SX", "Taiyuan", "太原", "Taiyuan", []string{"Тайюань"}},
	{"CN-SX", "Datong", "大同", "Datong", []string{"Датун"}},
	{"CN-SX", "Changzhi", "长治", "Changzhi", nil},
	{"CN-SX", "Jinzhong", "晋中", "Jinzhong", nil},
	{"CN-SX", "Yuncheng", "运城", "Yuncheng", nil},
	{"CN-SX", "Linfen", "临汾", "Linfen", nil},

	// Inner Mongolia
	{"CN-NM", "Hohhot", "呼和浩特", "Huhehaote", []string{"Huhhot", "Хух-Хото"}},
	{"CN-NM", "Baotou", "包头", "Baotou", []string{"Баотоу"}},
	{"CN-NM", "Ordos", "鄂尔多斯", "E'erduosi", nil},
	{"CN-NM", "Chifeng", "赤峰", "Chifeng", nil},
	{"CN-NM", "Hulunbuir", "呼伦贝尔", "Hulunbei'er", nil},
	{"CN-NM", "Manzhouli", "满洲里", "Manzhouli", nil},
	{"CN-NM", "Erenhot", "二连浩特", "Erlianhaote", nil},

	// Liaoning
	{"CN-LN", "Shenyang", "沈阳", "Shenyang", []string{"Mukden", "Шэньян"}},
	{"CN-LN", "Dalian", "大连", "Dalian", []string{"Далянь"}},
	{"CN-LN", "Anshan", "鞍山", "Anshan", nil},
	{"CN-LN", "Fushun", "抚顺", "Fushun", nil},
	{"CN-LN", "Dandong", "丹东", "Dandong", nil},
	{"CN-LN", "Jinzhou", "锦州", "Jinzhou", nil},
	{"CN-LN", "Yingkou", "营口", "Yingkou", nil},

	// Jilin
	{"CN-JL", "Changchun", "长春", "Changchun", []string{"Чанчунь"}},
	{"CN-JL", "Jilin", "吉林", "Jilin", nil},
	{"CN-JL", "Siping", "四平", "Siping", nil},
	{"CN-JL", "Tonghua", "通化", "Tonghua", nil},
	{"CN-JL", "Yanji", "延吉", "Yanji", nil},

	// Heilongjiang
	{"CN-HL", "Harbin", "哈尔滨", "Ha'erbin", []string{"Харбин"}},
	{"CN-HL", "Qiqihar", "齐齐哈尔", "Qiqiha'er", nil},
	{"CN-HL", "Mudanjiang", "牡丹江", "Mudanjiang", nil},
	{"CN-HL", "Daqing", "大庆", "Daqing", nil},
	{"CN-HL", "Jiamusi", "佳木斯", "Jiamusi", nil},
	{"CN-HL", "Heihe", "黑河", "Heihe", []string{"Хэйхэ"}},
	{"CN-HL", "Suifenhe", "绥芬河", "Suifenhe", []string{"Суйфэньхэ"}},

	// Jiangsu
	{"CN-JS", "Nanjing", "南京", "Nanjing", []string{"Nanking", "Нанкин"}},
	{"CN-JS", "Suzhou", "苏州", "Suzhou", []string{"Сучжоу"}},
	{"CN-JS", "Wuxi", "无锡", "Wuxi", nil},
	{"CN-JS", "Changzhou", "常州", "Changzhou", nil},
	{"CN-JS", "Xuzhou", "徐州", "Xuzhou", nil},
	{"CN-JS", "Nantong", "南通", "Nantong", nil},
	{"CN-JS", "Yangzhou", "扬州", "Yangzhou", nil},
	{"CN-JS", "Lianyungang", "连云港", "Lianyungang", nil},

	// Zhejiang
	{"CN-ZJ", "Hangzhou", "杭州", "Hangzhou", []string{"Ханчжоу"}},
	{"CN-ZJ", "Ningbo", "宁波", "Ningbo", []string{"Нинбо"}},
	{"CN-ZJ", "Wenzhou", "温州", "Wenzhou", nil},
	{"CN-ZJ", "Shaoxing", "绍兴", "Shaoxing", nil},
	{"CN-ZJ", "Jiaxing", "嘉兴", "Jiaxing", nil},
	{"CN-ZJ", "Huzhou", "湖州", "Huzhou", nil},
	{"CN-ZJ", "Jinhua", "金华", "Jinhua", nil},
	{"CN-ZJ", "Yiwu", "义乌", "Yiwu", []string{"Иу"}},

	// Anhui
	{"CN-AH", "Hefei", "合肥", "Hefei", []string{"Хэфэй"}},
	{"CN-AH", "Wuhu", "芜湖", "Wuhu", nil},
	{"CN-AH", "Bengbu", "蚌埠", "Bengbu", nil},
	{"CN-AH", "Anqing", "安庆", "Anqing", nil},
	{"CN-AH", "Huangshan", "黄山", "Huangshan", nil},
	{"CN-AH", "Ma'anshan", "马鞍山", "Ma'anshan", nil},

	// Fujian
	{"CN-FJ", "Fuzhou", "福州", "Fuzhou", []string{"Фучжоу"}},
	{"CN-FJ", "Xiamen", "厦门", "Xiamen", []string{"Amoy", "Сямынь"}},
	{"CN-FJ", "Quanzhou", "泉州", "Quanzhou", nil},
	{"CN-FJ", "Zhangzhou", "漳州", "Zhangzhou", nil},
	{"CN-FJ", "Putian", "莆田", "Putian", nil},

	// Jiangxi
	{"CN-JX", "Nanchang", "南昌", "Nanchang", []string{"Наньчан"}},
	{"CN-JX", "Jiujiang", "九江", "Jiujiang", nil},
	{"CN-JX", "Ganzhou", "赣州", "Ganzhou", nil},
	{"CN-JX", "Jingdezhen", "景德镇", "Jingdezhen", nil},
	{"CN-JX", "Shangrao", "上饶", "Shangrao", nil},

	// Shandong
	{"CN-SD", "Jinan", "济南", "Jinan", []string{"Цзинань"}},
	{"CN-SD", "Qingdao", "青岛", "Qingdao", []string{"Tsingtao", "Циндао"}},
	{"CN-SD", "Yantai", "烟台", "Yantai", nil},
	{"CN-SD", "Weifang", "潍坊", "Weifang", nil},
	{"CN-SD", "Zibo", "淄博", "Zibo", nil},
	{"CN-SD", "Linyi", "临沂", "Linyi", nil},
	{"CN-SD", "Weihai", "威海", "Weihai", nil},
	{"CN-SD", "Jining", "济宁", "Jining", nil},

	// Henan
	{"CN-HA", "Zhengzhou", "郑州", "Zhengzhou", []string{"Чжэнчжоу"}},
	{"CN-HA", "Luoyang", "洛阳", "Luoyang", []string{"Лоян"}},
	{"CN-HA", "Kaifeng", "开封", "Kaifeng", nil},
	{"CN-HA", "Nanyang", "南阳", "Nanyang", nil},
	{"CN-HA", "Xinxiang", "新乡", "Xinxiang", nil},
	{"CN-HA", "Anyang", "安阳", "Anyang", nil},

	// Hunan
	{"CN-HN", "Changsha", "长沙", "Changsha", []string{"Чанша"}},
	{"CN-HN", "Zhuzhou", "株洲", "Zhuzhou", nil},
	{"CN-HN", "Xiangtan", "湘潭", "Xiangtan", nil},
	{"CN-HN", "Hengyang", "衡阳", "Hengyang", nil},
	{"CN-HN", "Yueyang", "岳阳", "Yueyang", nil},
	{"CN-HN", "Changde", "常德", "Changde", nil},
	{"CN-HN", "Zhangjiajie", "张家界", "Zhangjiajie", []string{"Чжанцзяцзе"}},

	// Guangdong
	{"CN-GD", "Guangzhou", "广州", "Guangzhou", []string{"Canton", "廣州", "Гуанчжоу"}},
	{"CN-GD", "Shenzhen", "深圳", "Shenzhen", []string{"Шэньчжэнь"}},
	{"CN-GD", "Dongguan", "东莞", "Dongguan", nil},
	{"CN-GD", "Foshan", "佛山", "Foshan", nil},
	{"CN-GD", "Zhuhai", "珠海", "Zhuhai", nil},
	{"CN-GD", "Shantou", "汕头", "Shantou", nil},
	{"CN-GD", "Zhanjiang", "湛江", "Zhanjiang", nil},
	{"CN-GD", "Huizhou", "惠州", "Huizhou", nil},
	{"CN-GD", "Jiangmen", "江门", "Jiangmen", nil},
	{"CN-GD", "Zhongshan", "中山", "Zhongshan", nil},
	{"CN-GD", "Shaoguan", "韶关", "Shaoguan", nil},

	// Guangxi
	{"CN-GX", "Nanning", "南宁", "Nanning", []string{"Наньнин"}},
	{"CN-GX", "Guilin", "桂林", "Guilin", []string{"Гуйлинь"}},
	{"CN-GX", "Liuzhou", "柳州", "Liuzhou", nil},
	{"CN-GX", "Beihai", "北海", "Beihai", nil},
	{"CN-GX", "Wuzhou", "梧州", "Wuzhou", nil},

	// Hainan
	{"CN-HI", "Haikou", "海口", "Haikou", []string{"Хайкоу"}},
	{"CN-HI", "Sanya", "三亚", "Sanya", []string{"Санья"}},
	{"CN-HI", "Danzhou", "儋州", "Danzhou", nil},

	// Taiwan
	{"CN-TW", "Taipei", "台北", "Taibei", []string{"臺北", "Тайбэй"}},
	{"CN-TW", "Kaohsiung", "高雄", "Gaoxiong", nil},
	{"CN-TW", "Taichung", "台中", "Taizhong", []string{"臺中"}},
	{"CN-TW", "Tainan", "台南", "Tainan", []string{"臺南"}},
}
