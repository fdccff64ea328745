package place

import "testing"

func TestGazetteerHasNoClashes(t *testing.T) {
	for _, c := range clashes {
		t.Error(c)
	}
}

func TestFindCapital(t *testing.T) {
	tests := []struct {
		code, en, zh string
	}{
		{"CN-AH", "Hefei", "合肥"},
		{"CN-BJ", "Beijing", "北京"},
		{"CN-CQ", "Chongqing", "重庆"},
		{"CN-FJ", "Fuzhou", "福州"},
		{"CN-GD", "Guangzhou", "广州"},
		{"CN-GS", "Lanzhou", "兰州"},
		{"CN-GX", "Nanning", "南宁"},
		{"CN-GZ", "Guiyang", "贵阳"},
		{"CN-HA", "Zhengzhou", "郑州"},
		{"CN-HB", "Wuhan", "武汉"},
		{"CN-HE", "Shijiazhuang", "石家庄"},
		{"CN-HI", "Haikou", "海口"},
		{"CN-HK", "Hong Kong", "香港"},
		{"CN-HL", "Harbin", "哈尔滨"},
		{"CN-HN", "Changsha", "长沙"},
		{"CN-JL", "Changchun", "长春"},
		{"CN-JS", "Nanjing", "南京"},
		{"CN-JX", "Nanchang", "南昌"},
		{"CN-LN", "Shenyang", "沈阳"},
		{"CN-MO", "Macao", "澳门"},
		{"CN-NM", "Hohhot", "呼和浩特"},
		{"CN-NX", "Yinchuan", "银川"},
		{"CN-QH", "Xining", "西宁"},
		{"CN-SC", "Chengdu", "成都"},
		{"CN-SD", "Jinan", "济南"},
		{"CN-SH", "Shanghai", "上海"},
		{"CN-SN", "Xi'an", "西安"},
		{"CN-SX", "Taiyuan", "太原"},
		{"CN-TJ", "Tianjin", "天津"},
		{"CN-TW", "Taipei", "台北"},
		{"CN-XJ", "Urumqi", "乌鲁木齐"},
		{"CN-XZ", "Lhasa", "拉萨"},
		{"CN-YN", "Kunming", "昆明"},
		{"CN-ZJ", "Hangzhou", "杭州"},
	}
	if len(tests) != len(subdivisionsCN) {
		t.Errorf("%d capitals for %d subdivisions", len(tests), len(subdivisionsCN))
	}
	for _, tt := range tests {
		t.Run(tt.en, func(t *testing.T) {
			for _, q := range []string{tt.en, tt.zh} {
				m, err := Find("CN", q)
				if err != nil {
					t.Fatalf("Find(%q): %v", q, err)
				}
				if m.Subdivision.Code != tt.code {
					t.Errorf("Find(%q) = %s, want %s", q, m.Subdivision.Code, tt.code)
				}
			}
		})
	}
}

func TestFindCity(t *testing.T) {
	tests := []struct {
		name, query, code, city string
	}{
		{"Wuhan in Chinese", "武汉", "CN-HB", "Wuhan"},
		{"Wuhan", "Wuhan", "CN-HB", "Wuhan"},
		{"Wuhan with 市", "武汉市", "CN-HB", "Wuhan"},
		{"Wuhan in Russian", "Ухань", "CN-HB", "Wuhan"},
		{"Chengdu in Chinese", "成都", "CN-SC", "Chengdu"},
		{"Chengdu in lower case", "chengdu", "CN-SC", "Chengdu"},
		{"Chengdu City", "Chengdu City", "CN-SC", "Chengdu"},
		{"Chengdu Shi", "Chengdu Shi", "CN-SC", "Chengdu"},
		{"Xi'an with apostrophe", "Xi'an", "CN-SN", "Xi'an"},
		{"Xi'an with typographic apostrophe", "Xi’an", "CN-SN", "Xi'an"},
		{"Xian without apostrophe", "Xian", "CN-SN", "Xi'an"},
		{"Xi'an with tones", "Xī'ān", "CN-SN", "Xi'an"},
		{"Xi'an in Chinese", "西安", "CN-SN", "Xi'an"},
		{"Xi'an in Russian", "Сиань", "CN-SN", "Xi'an"},
		{"Xianyang is not Xi'an", "Xianyang", "CN-SN", "Xianyang"},
		{"Urumqi", "Urumqi", "CN-XJ", "Urumqi"},
		{"Ürümqi with diacritics", "Ürümqi", "CN-XJ", "Urumqi"},
		{"Urumqi in Chinese", "乌鲁木齐", "CN-XJ", "Urumqi"},
		{"Urumqi in pinyin", "Wulumuqi", "CN-XJ", "Urumqi"},
		{"Kashgar in pinyin", "Kashi", "CN-XJ", "Kashgar"},
		{"Lhasa in pinyin", "Lasa", "CN-XZ", "Lhasa"},
		{"Hohhot in pinyin", "Huhehaote", "CN-NM", "Hohhot"},
		{"Harbin in pinyin with apostrophe", "Ha'erbin", "CN-HL", "Harbin"},
		{"Guangzhou as Canton", "Canton", "CN-GD", "Guangzhou"},
		{"Xiangyang by its old name", "Xiangfan", "CN-HB", "Xiangyang"},
		{"Yichang", "Yichang", "CN-HB", "Yichang"},
		{"Huangshi, a name ending in shi", "Huangshi", "CN-HB", "Huangshi"},
		{"Enshi, a name ending in shi", "Enshi", "CN-HB", "Enshi"},
		{"Mianyang", "绵阳", "CN-SC", "Mianyang"},
		{"Leshan", "Leshan", "CN-SC", "Leshan"},
		{"Ya'an", "Yaan", "CN-SC", "Ya'an"},
		{"Wanzhou district of Chongqing", "万州", "CN-CQ", "Wanzhou"},
		{"Baoji", "宝鸡", "CN-SN", "Baoji"},
		{"Yan'an", "Yan'an", "CN-SN", "Yan'an"},
		{"Yulin in Shaanxi", "Yulin", "CN-SN", "Yulin"},
		{"Tianshui", "天水", "CN-GS", "Tianshui"},
		{"Dunhuang", "Dunhuang", "CN-GS", "Dunhuang"},
		{"Lijiang", "丽江", "CN-YN", "Lijiang"},
		{"Pu'er by its old name", "Simao", "CN-YN", "Pu'er"},
		{"Shangri-La", "Shangri-La", "CN-YN", "Shangri-La"},
		{"Zunyi", "遵义", "CN-GZ", "Zunyi"},
		{"Shenzhen", "Shenzhen", "CN-GD", "Shenzhen"},
		{"Qingdao as Tsingtao", "Tsingtao", "CN-SD", "Qingdao"},
		{"Suifenhe on the Russian border", "Суйфэньхэ", "CN-HL", "Suifenhe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Find("CN", tt.query)
			if err != nil {
				t.Fatalf("Find(%q): %v", tt.query, err)
			}
			if m.Subdivision.Code != tt.code || m.Via != ViaCity || m.City != tt.city {
				t.Errorf("Find(%q) = %s via %s (%q), want %s via city (%q)",
					tt.query, m.Subdivision.Code, m.Via, m.City, tt.code, tt.city)
			}
		})
	}
}

func TestEveryCityNameResolves(t *testing.T) {
	for _, c := range citiesCN {
		for _, name := range c.names() {
			m, err := Find("CN", name)
			if err != nil {
				t.Errorf("%s: Find(%q): %v", c.English, name, err)
				continue
			}
			if m.Subdivision.Code != c.Subdivision {
				t.Errorf("%s: Find(%q) = %s, want %s", c.English, name, m.Subdivision.Code, c.Subdivision)
			}
		}
	}
}
