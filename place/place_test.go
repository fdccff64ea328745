package place

import (
	"sort"
	"testing"
)

// subdivisionRows states every subdivision of China independently of the
// package's data, so that a slip in either shows up.
var subdivisionRows = []struct {
	code, gb, category, en, zh string
}{
	{"CN-AH", "340000", Province, "Anhui", "安徽"},
	{"CN-BJ", "110000", Municipality, "Beijing", "北京"},
	{"CN-CQ", "500000", Municipality, "Chongqing", "重庆"},
	{"CN-FJ", "350000", Province, "Fujian", "福建"},
	{"CN-GD", "440000", Province, "Guangdong", "广东"},
	{"CN-GS", "620000", Province, "Gansu", "甘肃"},
	{"CN-GX", "450000", AutonomousRegion, "Guangxi", "广西"},
	{"CN-GZ", "520000", Province, "Guizhou", "贵州"},
	{"CN-HA", "410000", Province, "Henan", "河南"},
	{"CN-HB", "420000", Province, "Hubei", "湖北"},
	{"CN-HE", "130000", Province, "Hebei", "河北"},
	{"CN-HI", "460000", Province, "Hainan", "海南"},
	{"CN-HK", "810000", SpecialAdministrativeRegion, "Hong Kong", "香港"},
	{"CN-HL", "230000", Province, "Heilongjiang", "黑龙江"},
	{"CN-HN", "430000", Province, "Hunan", "湖南"},
	{"CN-JL", "220000", Province, "Jilin", "吉林"},
	{"CN-JS", "320000", Province, "Jiangsu", "江苏"},
	{"CN-JX", "360000", Province, "Jiangxi", "江西"},
	{"CN-LN", "210000", Province, "Liaoning", "辽宁"},
	{"CN-MO", "820000", SpecialAdministrativeRegion, "Macao", "澳门"},
	{"CN-NM", "150000", AutonomousRegion, "Inner Mongolia", "内蒙古"},
	{"CN-NX", "640000", AutonomousRegion, "Ningxia", "宁夏"},
	{"CN-QH", "630000", Province, "Qinghai", "青海"},
	{"CN-SC", "510000", Province, "Sichuan", "四川"},
	{"CN-SD", "370000", Province, "Shandong", "山东"},
	{"CN-SH", "310000", Municipality, "Shanghai", "上海"},
	{"CN-SN", "610000", Province, "Shaanxi", "陕西"},
	{"CN-SX", "140000", Province, "Shanxi", "山西"},
	{"CN-TJ", "120000", Municipality, "Tianjin", "天津"},
	{"CN-TW", "710000", Province, "Taiwan", "台湾"},
	{"CN-XJ", "650000", AutonomousRegion, "Xinjiang", "新疆"},
	{"CN-XZ", "540000", AutonomousRegion, "Tibet", "西藏"},
	{"CN-YN", "530000", Province, "Yunnan", "云南"},
	{"CN-ZJ", "330000", Province, "Zhejiang", "浙江"},
}

func TestSubdivisionData(t *testing.T) {
	subs := Subdivisions("CN")
	if len(subs) != len(subdivisionRows) {
		t.Fatalf("Subdivisions(CN) has %d, want %d", len(subs), len(subdivisionRows))
	}
	if !sort.SliceIsSorted(subs, func(i, j int) bool { return subs[i].Code < subs[j].Code }) {
		t.Error("Subdivisions(CN) is not sorted by code")
	}
	gb := map[string]string{}
	for i, row := range subdivisionRows {
		t.Run(row.code, func(t *testing.T) {
			s := subs[i]
			if s.Code != row.code || s.GB != row.gb || s.Category != row.category ||
				s.Name["en"] != row.en || s.Name["zh"] != row.zh {
				t.Errorf("got %s %s %s %q %q, want %s %s %s %q %q",
					s.Code, s.GB, s.Category, s.Name["en"], s.Name["zh"],
					row.code, row.gb, row.category, row.en, row.zh)
			}
			for _, lang := range []string{"en", "zh", "ru", "be"} {
				if s.Name[lang] == "" {
					t.Errorf("no %s name", lang)
				}
			}
			if s.Pinyin == "" {
				t.Error("no pinyin")
			}
			if other, ok := gb[s.GB]; ok {
				t.Errorf("GB code %s also belongs to %s", s.GB, other)
			}
			gb[s.GB] = s.Code
		})
	}
}

func TestFindSubdivision(t *testing.T) {
	for _, row := range subdivisionRows {
		t.Run(row.code, func(t *testing.T) {
			for _, q := range []struct{ query, via string }{
				{row.code, ViaCode},
				{row.gb, ViaGBCode},
				{row.zh, ViaSubdivision},
				{row.en, ViaSubdivision},
			} {
				m, err := Find("CN", q.query)
				if err != nil {
					t.Errorf("Find(%q): %v", q.query, err)
					continue
				}
				if m.Subdivision.Code != row.code || m.Via != q.via {
					t.Errorf("Find(%q) = %s via %s, want %s via %s",
						q.query, m.Subdivision.Code, m.Via, row.code, q.via)
				}
			}
		})
	}
}

func TestFindNameForms(t *testing.T) {
	tests := []struct {
		name, query, code, via string
	}{
		{"Shaanxi in pinyin", "Shaanxi", "CN-SN", ViaSubdivision},
		{"Shaanxi in Chinese", "陕西", "CN-SN", ViaSubdivision},
		{"Shaanxi with 省", "陕西省", "CN-SN", ViaSubdivision},
		{"Shaanxi in Russian", "Шэньси", "CN-SN", ViaSubdivision},
		{"Shaanxi in Belarusian", "Шэньсі", "CN-SN", ViaSubdivision},
		{"Shaanxi after the Russian word for province", "провинция Шэньси", "CN-SN", ViaSubdivision},
		{"Shanxi is not Shaanxi", "Shanxi", "CN-SX", ViaSubdivision},
		{"Shanxi in Chinese", "山西", "CN-SX", ViaSubdivision},
		{"Shanxi in Russian", "Шаньси", "CN-SX", ViaSubdivision},
		{"Shanxi in Belarusian", "Шаньсі", "CN-SX", ViaSubdivision},
		{"lower-case code", "cn-hb", "CN-HB", ViaCode},
		{"code with a space", "CN HB", "CN-HB", ViaCode},
		{"full-width code", "ＣＮ－ＳＮ", "CN-SN", ViaCode},
		{"English with Province", "Hubei Province", "CN-HB", ViaSubdivision},
		{"pinyin with Sheng", "Hubei Sheng", "CN-HB", ViaSubdivision},
		{"upper case", "SICHUAN", "CN-SC", ViaSubdivision},
		{"old spelling", "Szechwan", "CN-SC", ViaSubdivision},
		{"full Chinese name of an autonomous region", "广西壮族自治区", "CN-GX", ViaSubdivision},
		{"full English name of an autonomous region", "Guangxi Zhuang Autonomous Region", "CN-GX", ViaSubdivision},
		{"Xinjiang in full", "Xinjiang Uyghur Autonomous Region", "CN-XJ", ViaSubdivision},
		{"Xinjiang in full in Russian", "Синьцзян-Уйгурский автономный район", "CN-XJ", ViaSubdivision},
		{"Xinjiang in full in Belarusian", "Сіньцзян-Уйгурскі аўтаномны раён", "CN-XJ", ViaSubdivision},
		{"Tibet in pinyin", "Xizang", "CN-XZ", ViaSubdivision},
		{"Tibet in Chinese in full", "西藏自治区", "CN-XZ", ViaSubdivision},
		{"Inner Mongolia in Belarusian", "Унутраная Манголія", "CN-NM", ViaSubdivision},
		{"Hong Kong SAR", "Hong Kong SAR", "CN-HK", ViaSubdivision},
		{"Hong Kong in full in Chinese", "香港特别行政区", "CN-HK", ViaSubdivision},
		{"Macau spelling", "Macau", "CN-MO", ViaSubdivision},
		{"Macao in traditional characters", "澳門", "CN-MO", ViaSubdivision},
		{"municipality with 市", "重庆市", "CN-CQ", ViaSubdivision},
		{"municipality wins over its city", "Chongqing", "CN-CQ", ViaSubdivision},
		{"municipality in Belarusian", "Чунцын", "CN-CQ", ViaSubdivision},
		{"province named like its city", "Jilin", "CN-JL", ViaSubdivision},
		{"surrounding spaces", "  Yunnan \t", "CN-YN", ViaSubdivision},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Find("CN", tt.query)
			if err != nil {
				t.Fatalf("Find(%q): %v", tt.query, err)
			}
			if m.Subdivision.Code != tt.code || m.Via != tt.via {
				t.Errorf("Find(%q) = %s via %s, want %s via %s", tt.query, m.Subdivision.Code, m.Via, tt.code, tt.via)
			}
		})
	}
}

func TestByCode(t *testing.T) {
	tests := []struct {
		name, code, want string
		ok               bool
	}{
		{"upper case", "CN-SN", "CN-SN", true},
		{"lower case", "cn-hb", "CN-HB", true},
		{"surrounding spaces", " CN-CQ ", "CN-CQ", true},
		{"without the country", "HB", "", false},
		{"unknown", "CN-XX", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := ByCode(tt.code)
			if ok != tt.ok || s.Code != tt.want {
				t.Errorf("ByCode(%q) = %q, %v; want %q, %v", tt.code, s.Code, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSubdivisionsUnknownCountry(t *testing.T) {
	for _, country := range []string{"", "BY", "RU", "CHN"} {
		if got := Subdivisions(country); got != nil {
			t.Errorf("Subdivisions(%q) = %d subdivisions, want nil", country, len(got))
		}
		// China's cities are found only for China.
		if m, err := Find(country, "Wuhan"); err == nil {
			t.Errorf("Find(%q, Wuhan) = %s, want no city", country, m.Subdivision.Code)
		}
	}
}

func TestCallersCannotChangeTheData(t *testing.T) {
	s, _ := ByCode("CN-SN")
	s.Name["en"] = "changed"
	Subdivisions("CN")[0].Name["en"] = "changed"
	m, _ := Find("CN", "陕西")
	m.Subdivision.Name["en"] = "changed"
	for _, code := range []string{"CN-SN", "CN-AH"} {
		if s, _ := ByCode(code); s.Name["en"] == "changed" {
			t.Errorf("%s: a caller's change reached the package's data", code)
		}
	}
}
