package ui

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/chancery-platform/chancery/store"
)

// SwitchField is the name of the layout's language buttons on a page whose
// form a language switch carries (see LanguageForm): pressed, they send
// the form with the chosen language, so nothing typed is lost.
const SwitchField = "switch_lang"

// typedCookie holds the token of what a person had typed into a form when
// they switched language, kept sealed in the database as a draft
// (store.SaveDraft) until the page shows it again in the new language.
const typedCookie = "chancery_typed"

// LanguageForm is implemented by the data of a page holding a form that a
// language switch should carry: the id of that form, "" when the page
// shows none.
type LanguageForm interface{ LanguageForm() string }

// typedForm is a kept form: the page it belongs to and its fields.
type typedForm struct {
	Page string     `json:"page"`
	Form url.Values `json:"form"`
}

// SwitchingTo is the language a POST asks to switch to through the
// layout's language buttons; "" when the POST is the form's own submit.
func SwitchingTo(r *http.Request) string {
	if l := r.PostFormValue(SwitchField); KnownLang(l) {
		return l
	}
	return ""
}

// KeepTyped answers a language switch (SwitchingTo): it keeps the fields
// the form carried, but for its CSRF token, for the page back, and
// redirects there in the chosen language, where Typed gives them back.
// The caller has checked the form's CSRF token.
func (s *Server) KeepTyped(w http.ResponseWriter, r *http.Request, lang, back string) {
	form := url.Values{}
	for k, v := range r.PostForm {
		if k != "csrf" && k != SwitchField {
			form[k] = v
		}
	}
	u, err := url.Parse(back)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	body, err := json.Marshal(typedForm{Page: pageKey(u), Form: form})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	token := NewToken()
	if err := s.DB.SaveDraft(r.Context(), token, body); err != nil {
		s.Fail(w, r, err)
		return
	}
	http.SetCookie(w, s.Cookie(VisitOf(r), typedCookie, token, int(store.DraftKept/time.Second)))
	q := u.Query()
	q.Set("lang", lang)
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

// Typed is what the person had typed into this page's form before they
// switched language; false when nothing is kept for the page.
func (s *Server) Typed(r *http.Request) (url.Values, bool) {
	c, err := r.Cookie(s.CookieName(VisitOf(r), typedCookie))
	if err != nil {
		return nil, false
	}
	body, err := s.DB.Draft(r.Context(), c.Value)
	if err != nil {
		return nil, false
	}
	var t typedForm
	if json.Unmarshal(body, &t) != nil || t.Page != pageKey(r.URL) {
		return nil, false
	}
	return t.Form, true
}

// ForgetTyped drops what a switch kept, once the form has been sent for
// real: what it sent is newer.
func (s *Server) ForgetTyped(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie(s.CookieName(VisitOf(r), typedCookie)); err == nil {
		http.SetCookie(w, s.Cookie(VisitOf(r), typedCookie, "", -1))
	}
}

// pageKey names a page for Typed: its path and query, whatever language
// the query asks for.
func pageKey(u *url.URL) string {
	q := u.Query()
	q.Del("lang")
	q.Del(SwitchField)
	if len(q) == 0 {
		return u.Path
	}
	return u.Path + "?" + q.Encode()
}

// LangForm is the id of the form the page's language switch carries, ""
// when the switch is plain links.
func (v *View) LangForm() string {
	if f, ok := v.Data.(LanguageForm); ok {
		return f.LanguageForm()
	}
	return ""
}
