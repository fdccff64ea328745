package names

import "testing"

func TestTransliterate(t *testing.T) {
	tests := []struct {
		system, name, in, want string
	}{
		{"BelarusianPassport", "Г is H", "Ігар", "Ihar"},
		{"BelarusianPassport", "Я after a consonant is IA", "Святлана", "Sviatlana"},
		{"BelarusianPassport", "Я and Й", "Аляксандр", "Aliaksandr"},
		{"BelarusianPassport", "ДЗ letter by letter, final -ый is Y", "Дзмітрый", "Dzmitry"},
		{"BelarusianPassport", "the consul general", "Дзмітрый Емяльянаў", "Dzmitry Emialianau"},
		{"BelarusianPassport", "Ў is U", "Ціханоўскі", "Tsikhanouski"},
		{"BelarusianPassport", "Е after a consonant is E, final Й after Е stays", "Сяргей", "Siarhei"},
		{"BelarusianPassport", "Аляксей", "Аляксей", "Aliaksei"},
		{"BelarusianPassport", "Я after a vowel is IA", "Марыя", "Maryia"},
		{"BelarusianPassport", "example of the 2010 passport instruction", "Бабрыковіч Аляксандр", "Babrykovich Aliaksandr"},
		{"BelarusianPassport", "Х is KH", "Міхаіл", "Mikhail"},
		{"BelarusianPassport", "ДЖ letter by letter", "Джэма", "Dzhema"},
		{"BelarusianPassport", "soft sign dropped", "Алесь Бяляцкі", "Ales Bialiatski"},
		{"BelarusianPassport", "typographic apostrophe dropped", "Дар’я", "Daria"},
		{"BelarusianPassport", "ASCII apostrophe dropped", "Дар'я", "Daria"},
		{"BelarusianPassport", "modifier apostrophe dropped", "сямʼя", "siamia"},
		{"BelarusianPassport", "Ё is IO", "Ёрш", "Iorsh"},
		{"BelarusianPassport", "Ю is IU", "Юрый", "Iury"},
		{"BelarusianPassport", "upper case stays upper", "СВЯТЛАНА", "SVIATLANA"},
		{"BelarusianPassport", "upper case with KH", "МІХАІЛ", "MIKHAIL"},
		{"BelarusianPassport", "upper case, group at the end", "ЮЛЯ", "IULIA"},
		{"BelarusianPassport", "title case group", "Шчука", "Shchuka"},
		{"BelarusianPassport", "lower case", "капыль", "kapyl"},
		{"BelarusianPassport", "place name", "Капыль", "Kapyl"},
		{"BelarusianPassport", "hyphenated name", "Ганна-Марыя", "Hanna-Maryia"},
		{"BelarusianPassport", "Russian letters by the Russian table", "Щербаков Подъячев Игорь", "Shcherbakov Podieiachev Ihor"},
		{"BelarusianPassport", "Latin passes through", "Dzmitry Yemelyanau", "Dzmitry Yemelyanau"},
		{"BelarusianPassport", "Latin apostrophe passes through", "O'Brien", "O'Brien"},
		{"BelarusianPassport", "Chinese passes through", "德米特里·叶梅利扬诺夫", "德米特里·叶梅利扬诺夫"},
		{"BelarusianPassport", "empty", "", ""},
		{"RussianPassport", "the consul general in Russian", "Дмитрий Емельянов", "Dmitrii Emelianov"},
		{"RussianPassport", "Ё is E", "Пётр Семёнов", "Petr Semenov"},
		{"RussianPassport", "Ъ is IE", "Подъячев", "Podieiachev"},
		{"RussianPassport", "Щ is SHCH", "Щукин", "Shchukin"},
		{"RussianPassport", "Х Ц Ч Ш Ж", "Хоц Чаш Жук", "Khots Chash Zhuk"},
		{"RussianPassport", "Ы is Y, soft sign dropped", "Копыль", "Kopyl"},
		{"RussianPassport", "Й is I", "Сергей", "Sergei"},
		{"RussianPassport", "Ю and Я", "Юлия Яковлева", "Iuliia Iakovleva"},
		{"RussianPassport", "Э is E", "Эдуард", "Eduard"},
		{"RussianPassport", "upper case", "ЕМЕЛЬЯНОВ", "EMELIANOV"},
		{"RussianPassport", "upper case, group first", "ЩУКИН", "SHCHUKIN"},
		{"RussianPassport", "title case group", "Юрий", "Iurii"},
		{"RussianPassport", "hyphenated", "Римский-Корсаков", "Rimskii-Korsakov"},
		{"RussianPassport", "Belarusian letters", "Ігар Ціханоўскі", "Igar Tsikhanouski"},
		{"RussianPassport", "Latin passes through", "Dmitry", "Dmitry"},
		{"RussianPassport", "empty", "", ""},
		{"RussianBGN", "the consul general as the press writes him", "Дмитрий Емельянов", "Dmitriy Yemel'yanov"},
		{"RussianBGN", "Е at the start is YE", "Елизово", "Yelizovo"},
		{"RussianBGN", "Е after a vowel is YE", "Чапаевск", "Chapayevsk"},
		{"RussianBGN", "Е after Й is YE", "Мейеровка", "Meyyerovka"},
		{"RussianBGN", "Е after Ь is YE", "Юрьев", "Yur'yev"},
		{"RussianBGN", "Е after Ъ is YE, hard sign is a quotation mark", "Подъездной", `Pod"yezdnoy`},
		{"RussianBGN", "Е after a consonant is E", "Сергей", "Sergey"},
		{"RussianBGN", "Ё", "Пётр Ёлкин", "Pëtr Yëlkin"},
		{"RussianBGN", "Х Ц Ч Ш Щ Ж", "Хрущёв Цыпленков Жуков", "Khrushchëv Tsyplenkov Zhukov"},
		{"RussianBGN", "Ю and Я", "Юлия Яковлева", "Yuliya Yakovleva"},
		{"RussianBGN", "upper case", "ЕМЕЛЬЯНОВ", "YEMEL'YANOV"},
		{"RussianBGN", "title case group", "Юрий", "Yuriy"},
		{"RussianBGN", "Latin passes through", "Yemelyanov", "Yemelyanov"},
		{"RussianBGN", "Belarusian letters pass through", "Ігар", "Іgar"},
		{"RussianBGN", "empty", "", ""},
	}
	systems := map[string]func(string) string{
		"BelarusianPassport": BelarusianPassport,
		"RussianPassport":    RussianPassport,
		"RussianBGN":         RussianBGN,
	}
	for _, tt := range tests {
		t.Run(tt.system+"/"+tt.name, func(t *testing.T) {
			if got := systems[tt.system](tt.in); got != tt.want {
				t.Errorf("%s(%q) = %q, want %q", tt.system, tt.in, got, tt.want)
			}
		})
	}
}
