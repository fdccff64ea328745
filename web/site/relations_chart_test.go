package site

import (
	"slices"
	"testing"
)

func TestWrapLine(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"short", "+128 % year on year", []string{"+128 % year on year"}},
		{"at spaces", "more than doubled compared to the previous year", []string{"more than doubled compared", "to the previous year"}},
		{"a number is not broken", "620\u202f000\u202f000 (currency not stated)", []string{"620\u202f000\u202f000 (currency not", "stated)"}},
		{"Chinese, between characters", "比上年同期增长一倍以上的贸易总额数据", []string{"比上年同期增长一倍以上的贸易", "总额数据"}},
		{"a word longer than a line", "Zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", []string{"Zzzzzzzzzzzzzzzzzzzzzzzzzzzz", "zzzz"}},
	} {
		if got := wrapLine(c.text, noteWidth); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
