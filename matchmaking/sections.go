// Package matchmaking pairs organisations of Belarus and China by trade:
// each declares the sectors it offers and the sectors it seeks, as sections
// of the Harmonized System (HS), and the rule here suggests counterparts
// from the other country, with the reasons for each suggestion. Staff
// curate the suggestions and record the introductions they make.
//
// The package is plain Go: the sections, the profiles, the rule and the
// states of curation, with no storage and no HTTP.
package matchmaking

import (
	"encoding/json"
	"math/bits"
	"strconv"
	"strings"
	"unicode"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
)

// Section is one of the 21 sections of the Harmonized System, numbered 1
// (I, live animals) to 21 (XXI, works of art).
type Section int

// SectionInfo is what the Harmonized System says of a section: its Roman
// numeral, the chapters it spans and its name in the product's languages.
type SectionInfo struct {
	Section     Section
	Roman       string
	First, Last int // chapters, inclusive
	Name        mission.Text
}

// sections are the HS sections with their chapters (HS 2022) and short
// names in English, Simplified Chinese, Russian and Belarusian.
var sections = [...]SectionInfo{
	{1, "I", 1, 5, mission.Text{"en": "live animals; animal products", "zh": "活动物；动物产品",
		"ru": "живые животные; продукты животного происхождения", "be": "жывыя жывёлы; прадукты жывёльнага паходжання"}},
	{2, "II", 6, 14, mission.Text{"en": "vegetable products", "zh": "植物产品",
		"ru": "продукты растительного происхождения", "be": "прадукты расліннага паходжання"}},
	{3, "III", 15, 15, mission.Text{"en": "animal, vegetable or microbial fats and oils", "zh": "动、植物或微生物油、脂",
		"ru": "жиры и масла животного, растительного или микробного происхождения", "be": "тлушчы і алеі жывёльнага, расліннага або мікробнага паходжання"}},
	{4, "IV", 16, 24, mission.Text{"en": "prepared foodstuffs; beverages, spirits and vinegar; tobacco", "zh": "食品；饮料、酒及醋；烟草",
		"ru": "готовые пищевые продукты; напитки и уксус; табак", "be": "гатовыя харчовыя прадукты; напоі і воцат; тытунь"}},
	{5, "V", 25, 27, mission.Text{"en": "mineral products", "zh": "矿产品", "ru": "минеральные продукты", "be": "мінеральныя прадукты"}},
	{6, "VI", 28, 38, mission.Text{"en": "products of the chemical or allied industries", "zh": "化学工业及其相关工业的产品",
		"ru": "продукция химической и связанных с ней отраслей промышленности", "be": "прадукцыя хімічнай і звязаных з ёй галін прамысловасці"}},
	{7, "VII", 39, 40, mission.Text{"en": "plastics and rubber, and articles thereof", "zh": "塑料及其制品；橡胶及其制品",
		"ru": "пластмассы, каучук и резина и изделия из них", "be": "пластмасы, каўчук і гума і вырабы з іх"}},
	{8, "VIII", 41, 43, mission.Text{"en": "raw hides and skins, leather, furskins and articles thereof", "zh": "生皮、皮革、毛皮及其制品",
		"ru": "необработанные шкуры, кожа, натуральный мех и изделия из них", "be": "неапрацаваныя шкуры, скура, натуральнае футра і вырабы з іх"}},
	{9, "IX", 44, 46, mission.Text{"en": "wood and articles of wood; cork; basketware", "zh": "木及木制品；软木；编结品",
		"ru": "древесина и изделия из неё; пробка; плетёные изделия", "be": "драўніна і вырабы з яе; корак; плеценыя вырабы"}},
	{10, "X", 47, 49, mission.Text{"en": "pulp of wood; paper and paperboard", "zh": "木浆；纸及纸板",
		"ru": "древесная масса; бумага и картон", "be": "драўнінная маса; папера і кардон"}},
	{11, "XI", 50, 63, mission.Text{"en": "textiles and textile articles", "zh": "纺织原料及纺织制品",
		"ru": "текстильные материалы и текстильные изделия", "be": "тэкстыльныя матэрыялы і тэкстыльныя вырабы"}},
	{12, "XII", 64, 67, mission.Text{"en": "footwear, headgear, umbrellas", "zh": "鞋、帽、伞",
		"ru": "обувь, головные уборы, зонты", "be": "абутак, галаўныя ўборы, парасоны"}},
	{13, "XIII", 68, 70, mission.Text{"en": "articles of stone, ceramic products, glass", "zh": "石料制品；陶瓷产品；玻璃及其制品",
		"ru": "изделия из камня, керамические изделия, стекло", "be": "вырабы з каменю, керамічныя вырабы, шкло"}},
	{14, "XIV", 71, 71, mission.Text{"en": "pearls, precious stones and metals; jewellery; coin", "zh": "珠宝、贵金属及其制品；硬币",
		"ru": "жемчуг, драгоценные камни и металлы; ювелирные изделия; монеты", "be": "жэмчуг, каштоўныя камяні і металы; ювелірныя вырабы; манеты"}},
	{15, "XV", 72, 83, mission.Text{"en": "base metals and articles of base metal", "zh": "贱金属及其制品",
		"ru": "недрагоценные металлы и изделия из них", "be": "некаштоўныя металы і вырабы з іх"}},
	{16, "XVI", 84, 85, mission.Text{"en": "machinery and mechanical appliances; electrical equipment", "zh": "机器、机械器具、电气设备及其零件",
		"ru": "машины, оборудование и механизмы; электротехническое оборудование", "be": "машыны, абсталяванне і механізмы; электратэхнічнае абсталяванне"}},
	{17, "XVII", 86, 89, mission.Text{"en": "vehicles, aircraft, vessels and transport equipment", "zh": "车辆、航空器、船舶及有关运输设备",
		"ru": "транспортные средства, летательные аппараты, суда и транспортное оборудование", "be": "транспартныя сродкі, лятальныя апараты, судны і транспартнае абсталяванне"}},
	{18, "XVIII", 90, 92, mission.Text{"en": "optical, medical and precision instruments; clocks and watches; musical instruments", "zh": "光学、医疗、精密仪器及设备；钟表；乐器",
		"ru": "оптические, медицинские и точные приборы; часы; музыкальные инструменты", "be": "аптычныя, медыцынскія і дакладныя прыборы; гадзіннікі; музычныя інструменты"}},
	{19, "XIX", 93, 93, mission.Text{"en": "arms and ammunition", "zh": "武器、弹药", "ru": "оружие и боеприпасы", "be": "зброя і боепрыпасы"}},
	{20, "XX", 94, 96, mission.Text{"en": "miscellaneous manufactured articles", "zh": "杂项制品",
		"ru": "разные промышленные товары", "be": "розныя прамысловыя тавары"}},
	{21, "XXI", 97, 97, mission.Text{"en": "works of art, collectors' pieces and antiques", "zh": "艺术品、收藏品及古物",
		"ru": "произведения искусства, предметы коллекционирования и антиквариат", "be": "творы мастацтва, прадметы калекцыянавання і антыкварыят"}},
}

// Sections lists the 21 sections in order.
func Sections() []SectionInfo { return sections[:] }

// Info is what the Harmonized System says of the section; ok is false for
// a number outside 1–21.
func (s Section) Info() (info SectionInfo, ok bool) {
	if !s.Valid() {
		return SectionInfo{}, false
	}
	return sections[s-1], true
}

// Valid reports whether s is a section of the Harmonized System.
func (s Section) Valid() bool { return s >= 1 && int(s) <= len(sections) }

// String is the section's Roman numeral, as the Harmonized System writes it.
func (s Section) String() string {
	if !s.Valid() {
		return "section(" + strconv.Itoa(int(s)) + ")"
	}
	return sections[s-1].Roman
}

// Name is the section's name in a language, falling back to English.
func (s Section) Name(lang string) string {
	info, _ := s.Info()
	return info.Name.In(lang)
}

// ParseSection reads one section: its Roman numeral (IV, iv) or its
// number (4), with an optional "section" or "HS" before it.
func ParseSection(v string) (Section, error) {
	t := strings.ToUpper(strings.TrimSpace(v))
	for _, prefix := range []string{"SECTION", "HS"} {
		t = strings.TrimSpace(strings.TrimPrefix(t, prefix))
	}
	if n, err := strconv.Atoi(t); err == nil && t != "" && t[0] != '+' && t[0] != '-' {
		if s := Section(n); s.Valid() {
			return s, nil
		}
	}
	for _, info := range sections {
		if t == info.Roman {
			return info.Section, nil
		}
	}
	return 0, chancery.Errorf(chancery.EINVALID, "error.match_section", "Value", bounded(v, 40))
}

// ParseSections reads a list of sections such as "IV, 9, XVI": Roman
// numerals or numbers separated by commas (also the Chinese ， and 、),
// semicolons or spaces. A section named twice counts once; an empty list
// is the empty set.
func ParseSections(v string) (Set, error) {
	var set Set
	for _, f := range strings.FieldsFunc(v, func(r rune) bool {
		return r == ',' || r == ';' || r == '，' || r == '、' || r == '；' || unicode.IsSpace(r)
	}) {
		if strings.EqualFold(f, "section") || strings.EqualFold(f, "HS") {
			continue
		}
		s, err := ParseSection(f)
		if err != nil {
			return 0, err
		}
		set = set.With(s)
	}
	return set, nil
}

// bounded cuts a value quoted back in an error message to n runes.
func bounded(v string, n int) string {
	if r := []rune(v); len(r) > n {
		return string(r[:n]) + "…"
	}
	return v
}

// Set is a set of sections.
type Set uint32

// SetOf is the set of the given sections; invalid ones are left out.
func SetOf(ss ...Section) Set {
	var set Set
	for _, s := range ss {
		set = set.With(s)
	}
	return set
}

// With is the set with s added (unchanged when s is not a section).
func (set Set) With(s Section) Set {
	if !s.Valid() {
		return set
	}
	return set | 1<<uint(s)
}

// Has reports whether s is in the set.
func (set Set) Has(s Section) bool { return s.Valid() && set&(1<<uint(s)) != 0 }

// Len is how many sections the set holds.
func (set Set) Len() int { return bits.OnesCount32(uint32(set & all)) }

// all is the set of every section.
const all = Set((1<<22 - 1) &^ 1)

// Sections lists the set's sections in order.
func (set Set) Sections() []Section {
	var out []Section
	for s := Section(1); s.Valid(); s++ {
		if set.Has(s) {
			out = append(out, s)
		}
	}
	return out
}

// String writes the set as a list ParseSections reads: "IV, IX, XVI".
func (set Set) String() string {
	var parts []string
	for _, s := range set.Sections() {
		parts = append(parts, s.String())
	}
	return strings.Join(parts, ", ")
}

// MarshalJSON writes the set as a list of Roman numerals.
func (set Set) MarshalJSON() ([]byte, error) {
	out := []string{}
	for _, s := range set.Sections() {
		out = append(out, s.String())
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads a list of sections, as Roman numerals or numbers.
func (set *Set) UnmarshalJSON(b []byte) error {
	var list []json.RawMessage
	if err := json.Unmarshal(b, &list); err != nil {
		return err
	}
	var out Set
	for _, raw := range list {
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			v = string(raw)
		}
		s, err := ParseSection(v)
		if err != nil {
			return err
		}
		out = out.With(s)
	}
	*set = out
	return nil
}
