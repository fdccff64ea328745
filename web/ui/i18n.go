package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"golang.org/x/text/language"

	"github.com/chancery-platform/chancery"
)

//go:embed locales/*.json
var localeFiles embed.FS

// Language is a language the product speaks.
type Language struct {
	Code string // our key and the ?lang= value
	Tag  string // BCP 47 tag for the lang attribute
	Name string // its own name for itself
}

// Languages are the product's languages; English is the fallback.
var Languages = []Language{
	{"en", "en", "English"},
	{"zh", "zh-Hans", "简体中文"},
	{"ru", "ru", "Русский"},
	{"be", "be", "Беларуская"},
}

var langMatcher = language.NewMatcher([]language.Tag{
	language.English, language.SimplifiedChinese, language.Russian, language.MustParse("be"),
})

func KnownLang(code string) bool {
	for _, l := range Languages {
		if l.Code == code {
			return true
		}
	}
	return false
}

func loadBundle() (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, l := range Languages {
		files, err := localeFileNames(l.Code)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if _, err := b.LoadMessageFileFS(localeFiles, f); err != nil {
				return nil, fmt.Errorf("locale %s: %w", f, err)
			}
		}
	}
	return b, nil
}

// localeFileNames lists the message files of one language: locales/CODE.json
// and any locales/AREA.CODE.json, so that each part of the product may keep
// its words in a file of its own.
func localeFileNames(code string) ([]string, error) {
	more, err := fs.Glob(localeFiles, "locales/*."+code+".json")
	if err != nil {
		return nil, err
	}
	return append([]string{"locales/" + code + ".json"}, more...), nil
}

// language picks the reader's language: an explicit ?lang= (remembered in a
// cookie, and noted in v.LangInAddress), else the cookie, else the
// browser's Accept-Language.
func (s *Server) language(w http.ResponseWriter, r *http.Request, v *Visit) string {
	// ?switch_lang= is the language buttons of a page whose GET form they
	// send with what was typed (see SwitchField); ?lang= the plain links.
	q := r.URL.Query().Get(SwitchField)
	if !KnownLang(q) {
		q = r.URL.Query().Get("lang")
	}
	if KnownLang(q) {
		http.SetCookie(w, s.Cookie(v, langCookie, q, 365*24*3600))
		v.LangInAddress = true
		return q
	}
	if c, err := r.Cookie(s.CookieName(v, langCookie)); err == nil && KnownLang(c.Value) {
		return c.Value
	}
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		return "en"
	}
	_, idx, conf := langMatcher.Match(tags...)
	if conf == language.No {
		return "en"
	}
	return Languages[idx].Code
}

// Translate renders message key in lang with data, falling back to English
// and, failing that, to the key itself (which tests look for).
func (s *Server) Translate(lang, key string, data map[string]any) string {
	data = s.translateCauses(lang, data)
	loc := s.localizers[lang]
	if loc == nil {
		loc = s.localizers["en"]
	}
	msg, err := loc.Localize(&i18n.LocalizeConfig{MessageID: key, TemplateData: data})
	if err != nil {
		s.Log.Warn("missing translation", "lang", lang, "key", key)
		return key
	}
	return msg
}

// translateCauses writes the errors among a message's data (the problem
// of an imported row, say) as their own messages in lang.
func (s *Server) translateCauses(lang string, data map[string]any) map[string]any {
	var out map[string]any
	for k, v := range data {
		if err, ok := v.(error); ok {
			if out == nil {
				out = maps.Clone(data)
			}
			key, inner := chancery.ErrorKey(err)
			out[k] = s.Translate(lang, key, inner)
		}
	}
	if out == nil {
		return data
	}
	return out
}

// ErrorText writes a client error in English for the command line, with
// its message and data; other errors as they are.
func ErrorText(err error) string {
	key, data := chancery.ErrorKey(err)
	if key == "" {
		return err.Error()
	}
	b, berr := loadBundle()
	if berr != nil {
		return err.Error()
	}
	loc := i18n.NewLocalizer(b, "en")
	var text func(key string, data map[string]any) (string, error)
	text = func(key string, data map[string]any) (string, error) {
		data = maps.Clone(data)
		for k, v := range data {
			if cause, ok := v.(error); ok {
				ck, cd := chancery.ErrorKey(cause)
				if data[k], berr = text(ck, cd); berr != nil {
					return "", berr
				}
			}
		}
		return loc.Localize(&i18n.LocalizeConfig{MessageID: key, TemplateData: data})
	}
	msg, lerr := text(key, data)
	if lerr != nil {
		return err.Error()
	}
	if row, ok := data["Row"]; ok && !strings.HasPrefix(key, "error.record_") {
		msg = fmt.Sprintf("row %v: %s", row, msg)
	}
	return msg
}

// TranslateOr translates key, or gives fallback when English, the
// fallback language, has no such message (a holiday added to the calendar
// after the translations, say).
func (s *Server) TranslateOr(lang, key, fallback string) string {
	if _, err := s.localizers["en"].Localize(&i18n.LocalizeConfig{MessageID: key}); err != nil {
		return fallback
	}
	return s.Translate(lang, key, nil)
}
