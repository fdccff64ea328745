package names_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/names"
)

// found reports whether every term of the query is a term of the record.
func found(query string, record ...string) bool {
	have := names.Terms(record...)
	q := names.Terms(query)
	if len(q) == 0 {
		return false
	}
	for _, t := range q {
		if !slices.Contains(have, t) {
			return false
		}
	}
	return true
}

func TestTerms(t *testing.T) {
	consul := []string{"Dzmitry Yemelyanau", "德米特里·叶梅利扬诺夫", "Дмитрий Емельянов"}
	for _, c := range []struct {
		query  string
		record []string
		want   bool
	}{
		{"Yemelyanov", consul, true},
		{"Емельянов", consul, true},
		{"叶梅利扬诺夫", consul, true},
		{"德米特里叶梅利扬诺夫", consul, true},
		{"梅利", consul, true},
		{"重庆", []string{"重庆市"}, true},
		{"重", []string{"重庆市"}, true},
		{"庆重", []string{"重庆市"}, false},
		{"重庆", []string{"重慶"}, false},
		{"Kopyl", []string{"Kapyl District"}, true},
		{"Minsk", []string{"Kapyl District"}, false},
		{"", consul, false},
	} {
		if got := found(c.query, c.record...); got != c.want {
			t.Errorf("%q in %v: %v, want %v (terms %v)", c.query, c.record, got, c.want, names.Terms(c.record...))
		}
	}
	if got := names.Terms("Minsk Minsk", "minsk"); len(got) != 1 {
		t.Errorf("repeated terms: %v", got)
	}
	long := strings.Repeat("重", 40)
	if b := names.Bounded(long); len(b) > names.MaxTermBytes || !strings.HasPrefix(long, b) || len(b)%3 != 0 {
		t.Errorf("Bounded cut %q", b)
	}
}
