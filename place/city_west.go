package place

// citiesWest is the gazetteer of south-west and north-west China, the
// consulate general's own region, given more fully than the rest: the
// prefecture-level cities, some county-level cities that are the seats of
// autonomous prefectures or border crossings, and well-known districts of
// Chongqing.
var citiesWest = []City{
	// Sichuan
	{"CN-SC", "Chengdu", "成都", "Chengdu", []string{"Чэнду"}},
	{"CN-SC", "Mianyang", "绵阳", "Mianyang", []string{"Мяньян"}},
	{"CN-SC", "Deyang", "德阳", "Deyang", nil},
	{"CN-SC", "Zigong", "自贡", "Zigong", nil},
	{"CN-SC", "Panzhihua", "攀枝花", "Panzhihua", nil},
	{"CN-SC", "Luzhou", "泸州", "Luzhou", nil},
	{"CN-SC", "Guangyuan", "广元", "Guangyuan", nil},
	{"CN-SC", "Suining", "遂宁", "Suining", nil},
	{"CN-SC", "Neijiang", "内江", "Neijiang", nil},
	{"CN-SC", "Leshan", "乐山", "Leshan", []string{"Лэшань"}},
	{"CN-SC", "Nanchong", "南充", "Nanchong", nil},
	{"CN-SC", "Meishan", "眉山", "Meishan", nil},
	{"CN-SC", "Yibin", "宜宾", "Yibin", []string{"Ибинь"}},
	{"CN-SC", "Guang'an", "广安", "Guang'an", nil},
	{"CN-SC", "Dazhou", "达州", "Dazhou", nil},
	{"CN-SC", "Ya'an", "雅安", "Ya'an", nil},
	{"CN-SC", "Bazhong", "巴中", "Bazhong", nil},
	{"CN-SC", "Ziyang", "资阳", "Ziyang", nil},
	{"CN-SC", "Xichang", "西昌", "Xichang", nil},
	{"CN-SC", "Kangding", "康定", "Kangding", nil},

	// Chongqing: the municipality's seat and its best-known districts.
	{"CN-CQ", "Chongqing", "重庆", "Chongqing", []string{"Чунцин", "Chungking"}},
	{"CN-CQ", "Wanzhou", "万州", "Wanzhou", nil},
	{"CN-CQ", "Fuling", "涪陵", "Fuling", nil},
	{"CN-CQ", "Yongchuan", "永川", "Yongchuan", nil},
	{"CN-CQ", "Jiangjin", "江津", "Jiangjin", nil},
	{"CN-CQ", "Hechuan", "合川", "Hechuan", nil},
	{"CN-CQ", "Dazu", "大足", "Dazu", nil},
	{"CN-CQ", "Beibei", "北碚", "Beibei", nil},

	// Shaanxi
	{"CN-SN", "Xi'an", "西安", "Xi'an", []string{"Sian", "Сиань"}},
	{"CN-SN", "Baoji", "宝鸡", "Baoji", nil},
	{"CN-SN", "Xianyang", "咸阳", "Xianyang", []string{"Сяньян"}},
	{"CN-SN", "Tongchuan", "铜川", "Tongchuan", nil},
	{"CN-SN", "Weinan", "渭南", "Weinan", nil},
	{"CN-SN", "Yan'an", "延安", "Yan'an", []string{"Yenan", "Яньань"}},
	{"CN-SN", "Hanzhong", "汉中", "Hanzhong", nil},
	{"CN-SN", "Yulin", "榆林", "Yulin", nil},
	{"CN-SN", "Ankang", "安康", "Ankang", nil},
	{"CN-SN", "Shangluo", "商洛", "Shangluo", nil},

	// Gansu
	{"CN-GS", "Lanzhou", "兰州", "Lanzhou", []string{"Ланьчжоу"}},
	{"CN-GS", "Jiayuguan", "嘉峪关", "Jiayuguan", nil},
	{"CN-GS", "Jinchang", "金昌", "Jinchang", nil},
	{"CN-GS", "Baiyin", "白银", "Baiyin", nil},
	{"CN-GS", "Tianshui", "天水", "Tianshui", nil},
	{"CN-GS", "Wuwei", "武威", "Wuwei", nil},
	{"CN-GS", "Zhangye", "张掖", "Zhangye", nil},
	{"CN-GS", "Pingliang", "平凉", "Pingliang", nil},
	{"CN-GS", "Jiuquan", "酒泉", "Jiuquan", nil},
	{"CN-GS", "Qingyang", "庆阳", "Qingyang", nil},
	{"CN-GS", "Dingxi", "定西", "Dingxi", nil},
	{"CN-GS", "Longnan", "陇南", "Longnan", nil},
	{"CN-GS", "Dunhuang", "敦煌", "Dunhuang", []string{"Дуньхуан"}},
	{"CN-GS", "Linxia", "临夏", "Linxia", nil},

	// Hubei
	{"CN-HB", "Wuhan", "武汉", "Wuhan", []string{"武漢", "Ухань"}},
	{"CN-HB", "Huangshi", "黄石", "Huangshi", nil},
	{"CN-HB", "Shiyan", "十堰", "Shiyan", nil},
	{"CN-HB", "Yichang", "宜昌", "Yichang", []string{"Ичан"}},
	{"CN-HB", "Xiangyang", "襄阳", "Xiangyang", []string{"Xiangfan", "襄樊"}},
	{"CN-HB", "Ezhou", "鄂州", "Ezhou", nil},
	{"CN-HB", "Jingmen", "荆门", "Jingmen", nil},
	{"CN-HB", "Xiaogan", "孝感", "Xiaogan", nil},
	{"CN-HB", "Jingzhou", "荆州", "Jingzhou", nil},
	{"CN-HB", "Huanggang", "黄冈", "Huanggang", nil},
	{"CN-HB", "Xianning", "咸宁", "Xianning", nil},
	{"CN-HB", "Suizhou", "随州", "Suizhou", nil},
	{"CN-HB", "Enshi", "恩施", "Enshi", nil},

	// Yunnan
	{"CN-YN", "Kunming", "昆明", "Kunming", []string{"Куньмин"}},
	{"CN-YN", "Qujing", "曲靖", "Qujing", nil},
	{"CN-YN", "Yuxi", "玉溪", "Yuxi", nil},
	{"CN-YN", "Baoshan", "保山", "Baoshan", nil},
	{"CN-YN", "Zhaotong", "昭通", "Zhaotong", nil},
	{"CN-YN", "Lijiang", "丽江", "Lijiang", []string{"Лицзян"}},
	{"CN-YN", "Pu'er", "普洱", "Pu'er", []string{"Simao", "思茅"}},
	{"CN-YN", "Lincang", "临沧", "Lincang", nil},
	{"CN-YN", "Dali", "大理", "Dali", []string{"Дали"}},
	{"CN-YN", "Chuxiong", "楚雄", "Chuxiong", nil},
	{"CN-YN", "Mengzi", "蒙自", "Mengzi", nil},
	{"CN-YN", "Jinghong", "景洪", "Jinghong", nil},
	{"CN-YN", "Ruili", "瑞丽", "Ruili", nil},
	{"CN-YN", "Shangri-La", "香格里拉", "Xianggelila", []string{"Zhongdian", "中甸"}},

	// Guizhou
	{"CN-GZ", "Guiyang", "贵阳", "Guiyang", []string{"Гуйян"}},
	{"CN-GZ", "Zunyi", "遵义", "Zunyi", []string{"Цзуньи"}},
	{"CN-GZ", "Liupanshui", "六盘水", "Liupanshui", nil},
	{"CN-GZ", "Anshun", "安顺", "Anshun", nil},
	{"CN-GZ", "Bijie", "毕节", "Bijie", nil},
	{"CN-GZ", "Tongren", "铜仁", "Tongren", nil},
	{"CN-GZ", "Kaili", "凯里", "Kaili", nil},
	{"CN-GZ", "Duyun", "都匀", "Duyun", nil},
	{"CN-GZ", "Xingyi", "兴义", "Xingyi", nil},

	// Qinghai
	{"CN-QH", "Xining", "西宁", "Xining", []string{"Синин"}},
	{"CN-QH", "Haidong", "海东", "Haidong", nil},
	{"CN-QH", "Golmud", "格尔木", "Ge'ermu", nil},

	// Ningxia
	{"CN-NX", "Yinchuan", "银川", "Yinchuan", []string{"Иньчуань"}},
	{"CN-NX", "Shizuishan", "石嘴山", "Shizuishan", nil},
	{"CN-NX", "Wuzhong", "吴忠", "Wuzhong", nil},
	{"CN-NX", "Guyuan", "固原", "Guyuan", nil},
	{"CN-NX", "Zhongwei", "中卫", "Zhongwei", nil},

	// Xinjiang
	{"CN-XJ", "Urumqi", "乌鲁木齐", "Wulumuqi", []string{"Ürümqi", "Urumchi", "Урумчи"}},
	{"CN-XJ", "Karamay", "克拉玛依", "Kelamayi", nil},
	{"CN-XJ", "Turpan", "吐鲁番", "Tulufan", []string{"Turfan"}},
	{"CN-XJ", "Hami", "哈密", "Hami", nil},
	{"CN-XJ", "Kashgar", "喀什", "Kashi", []string{"Кашгар"}},
	{"CN-XJ", "Hotan", "和田", "Hetian", []string{"Khotan"}},
	{"CN-XJ", "Aksu", "阿克苏", "Akesu", nil},
	{"CN-XJ", "Korla", "库尔勒", "Ku'erle", nil},
	{"CN-XJ", "Yining", "伊宁", "Yining", []string{"Ghulja", "Kulja"}},
	{"CN-XJ", "Shihezi", "石河子", "Shihezi", nil},
	{"CN-XJ", "Khorgos", "霍尔果斯", "Huo'erguosi", []string{"Khorgas", "Horgos"}},

	// Tibet
	{"CN-XZ", "Lhasa", "拉萨", "Lasa", []string{"Лхаса"}},
	{"CN-XZ", "Shigatse", "日喀则", "Rikaze", []string{"Xigazê"}},
	{"CN-XZ", "Nyingchi", "林芝", "Linzhi", nil},
	{"CN-XZ", "Chamdo", "昌都", "Changdu", []string{"Qamdo"}},
	{"CN-XZ", "Nagqu", "那曲", "Naqu", nil},
	{"CN-XZ", "Shannan", "山南", "Shannan", nil},
}
