package ui

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"testing"
)

// localeStrings reads every message of one language, file by file.
func localeStrings(t *testing.T, code string) map[string]map[string]string {
	t.Helper()
	names, err := localeFileNames(code)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for _, name := range names {
		b, err := fs.ReadFile(localeFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = m
	}
	return out
}

// cjkThenASCII is ASCII punctuation written directly after a Chinese
// character or Chinese punctuation, or an ASCII bracket opened before one:
// a Chinese sentence uses ，；：？！（）. Codes, URLs and numbers keep ASCII.
var cjkThenASCII = regexp.MustCompile(`[\p{Han}\x{3000}-\x{303f}\x{ff00}-\x{ffef}][,;:?!()]|\([\p{Han}]`)

// TestLocaleChinesePunctuation: Chinese strings use full-width punctuation.
func TestLocaleChinesePunctuation(t *testing.T) {
	for file, msgs := range localeStrings(t, "zh") {
		for key, s := range msgs {
			if m := cjkThenASCII.FindString(s); m != "" {
				t.Errorf("%s %s: ASCII punctuation in Chinese text %q: %q", file, key, m, s)
			}
		}
	}
	for _, bad := range []string{"时间:", "例如(", "请填写,", "吗?", "（见(附件)"} {
		if cjkThenASCII.FindString(bad) == "" {
			t.Errorf("the check misses %q", bad)
		}
	}
	for _, good := range []string{"时间：09:00", "例如 CN-CQ, CN-SC", "（UTC+8）", "https://example.org/a?b=c"} {
		if m := cjkThenASCII.FindString(good); m != "" {
			t.Errorf("the check flags %q in %q", m, good)
		}
	}
}

// The reader is addressed politely, as «Вы» with a capital letter (the form
// most messages used), never as «ты» nor «вы» in lower case.
var (
	ruOtherForm = regexp.MustCompile(`(?:^|[^\p{L}])(вы|вас|вам|вами|ваш\p{L}*|ты|тебя|тебе|тобой|твой|твоя|твоё|твои|твоего|твоей|твоих|твоим)(?:[^\p{L}]|$)`)
	beOtherForm = regexp.MustCompile(`(?:^|[^\p{L}])(вы|вас|вам|вамі|ваш\p{L}*|ты|цябе|табе|табой|твой|твая|тваё|твае|твайго|тваёй|тваіх|тваім)(?:[^\p{L}]|$)`)
)

// TestLocaleFormOfAddress: Russian and Belarusian strings use one form of
// address throughout, the polite «Вы» («Ваш», «Вам» …).
func TestLocaleFormOfAddress(t *testing.T) {
	for code, re := range map[string]*regexp.Regexp{"ru": ruOtherForm, "be": beOtherForm} {
		for file, msgs := range localeStrings(t, code) {
			for key, s := range msgs {
				if m := re.FindStringSubmatch(s); m != nil {
					t.Errorf("%s %s: %q where the polite form «Вы» is used: %q", file, key, m[1], s)
				}
			}
		}
	}
	for re, bad := range map[*regexp.Regexp]string{ruOtherForm: "Проверьте ваш адрес.", beOtherForm: "Калі ты хочаш"} {
		if re.FindString(bad) == "" {
			t.Errorf("the check misses %q", bad)
		}
	}
	for _, good := range []string{"Проверьте Ваш адрес.", "Вы записаны.", "выбрать время", "Выставка"} {
		if ruOtherForm.FindString(good) != "" {
			t.Errorf("the check flags %q", good)
		}
	}
}
