package ui

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
)

// Text a client sends must be UTF-8 without NUL bytes: PostgreSQL refuses
// both in its text columns, and no person types them. Such input is
// refused with a 400 before it reaches a handler (path, query, form
// bodies) or as the JSON body is decoded (DecodedText), on both engines
// alike.

// ErrUnreadableText is the refusal of a NUL byte or invalid UTF-8.
func ErrUnreadableText() error { return chancery.Errorf(chancery.EINVALID, "error.text_unreadable") }

// ReadableText reports whether s is UTF-8 without a NUL byte.
func ReadableText(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// ReadableValues reports whether every name and value of vs is readable text.
func ReadableValues(vs url.Values) bool {
	for k, list := range vs {
		if !ReadableText(k) {
			return false
		}
		for _, v := range list {
			if !ReadableText(v) {
				return false
			}
		}
	}
	return true
}

// rejectUnreadable answers 400 to a request whose path, query or
// URL-encoded form body holds a NUL byte or invalid UTF-8. It parses such
// a form body itself (the handlers then read the parsed form); multipart
// bodies are left to the handler that parses them, which checks their
// text fields with FormReadable.
func (s *Server) rejectUnreadable(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !ReadableText(r.URL.Path) {
			s.Fail(w, r, ErrUnreadableText())
			return
		}
		// A query is read as the handlers read it (url.Values); a name or
		// value whose escapes do not decode is left out there too.
		query, _ := url.ParseQuery(r.URL.RawQuery)
		if !ReadableValues(query) {
			s.Fail(w, r, ErrUnreadableText())
			return
		}
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" && r.Body != nil &&
			(r.Method == http.MethodPost || r.Method == http.MethodPut || r.Method == http.MethodPatch) {
			if err := r.ParseForm(); err != nil {
				var mbe *http.MaxBytesError
				if errors.As(err, &mbe) {
					s.Fail(w, r, err)
					return
				}
			}
			if !ReadableValues(r.PostForm) {
				s.Fail(w, r, ErrUnreadableText())
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// FormReadable reports whether the text fields of a parsed form, URL-encoded
// or multipart (files aside), are readable text.
func FormReadable(r *http.Request) bool {
	if !ReadableValues(r.PostForm) {
		return false
	}
	return r.MultipartForm == nil || ReadableValues(r.MultipartForm.Value)
}

// DecodedText reports whether every string in v, a value decoded from
// JSON, is free of NUL bytes. (The decoder has already turned invalid
// UTF-8 into U+FFFD; the body itself is checked with utf8.Valid.)
func DecodedText(v any) bool { return noNUL(reflect.ValueOf(v)) }

func noNUL(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return !strings.ContainsRune(v.String(), 0)
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || noNUL(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && !noNUL(v.Field(i)) {
				return false
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if !noNUL(v.Index(i)) {
				return false
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if !noNUL(it.Key()) || !noNUL(it.Value()) {
				return false
			}
		}
	}
	return true
}
