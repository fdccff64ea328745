package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
)

// Identity is how the public site presents itself: the mission's own name,
// emblem, colour and footer instead of the product's. The zero Identity
// keeps the product's look and the catalogue's site name.
type Identity struct {
	Name      Localized // the site's name in the header and every title; none = the catalogue's site.name
	ShortName Localized // a shorter name for narrow screens; none = Name
	Footer    Localized // a line at the top of the footer; none = no line
	// Primary is the colour of links and accents, written #rrggbb; "" keeps
	// the stylesheet's own.
	Primary string
	// Emblem is an image shown beside the name (its bytes), EmblemName the
	// file name it came from, whose extension gives its type; nil shows none.
	Emblem     []byte
	EmblemName string
}

// EmblemTypes are the image files an emblem may be, by extension.
var EmblemTypes = []string{".svg", ".png", ".jpg", ".jpeg", ".webp"}

// MaxEmblemBytes bounds an emblem's size: an emblem is shown on every page.
const MaxEmblemBytes = 512 << 10

// Check tells what is wrong with the identity, every fault at once: a
// colour that is not #rrggbb or too pale for links on white (WCAG 2.2 AA
// asks 4.5:1), an emblem of an unknown type or too large.
func (id Identity) Check() []string {
	var faults []string
	if id.Primary != "" {
		if lum, ok := luminance(id.Primary); !ok {
			faults = append(faults, fmt.Sprintf("-site-colour must be written #rrggbb, not %q", id.Primary))
		} else if ratio := 1.05 / (lum + 0.05); ratio < 4.5 {
			faults = append(faults, fmt.Sprintf("-site-colour %s has a contrast of %.1f:1 on white; links need at least 4.5:1", id.Primary, ratio))
		}
	}
	if id.EmblemName != "" {
		ext := strings.ToLower(path.Ext(id.EmblemName))
		known := false
		for _, t := range EmblemTypes {
			known = known || t == ext
		}
		if !known {
			faults = append(faults, fmt.Sprintf("-site-emblem must be one of %s, not %q", strings.Join(EmblemTypes, " "), id.EmblemName))
		}
		if len(id.Emblem) == 0 || len(id.Emblem) > MaxEmblemBytes {
			faults = append(faults, fmt.Sprintf("-site-emblem must hold between 1 byte and %d KiB", MaxEmblemBytes>>10))
		}
	}
	for _, f := range []struct {
		flag string
		v    Localized
	}{{"-site-name", id.Name}, {"-site-short-name", id.ShortName}, {"-site-footer", id.Footer}} {
		for _, lang := range slices.Sorted(maps.Keys(f.v)) {
			if len(f.v[lang]) > 500 {
				faults = append(faults, fmt.Sprintf("%s %s must be at most 500 bytes", f.flag, languageLabel(lang)))
			}
		}
	}
	return faults
}

// Localized is a configured text of the site's in its languages: the text
// under "" is every language's unless that language has its own, set
// as "zh=…" (see Set).
type Localized map[string]string

// In is the text in lang: its own, else the one for every language, else
// the English; "" when none is set.
func (l Localized) In(lang string) string {
	for _, k := range []string{lang, "", "en"} {
		if s := l[k]; s != "" {
			return s
		}
	}
	return ""
}

// Set takes one value of a repeatable flag: "zh=白俄罗斯…" sets the text of
// a language the site speaks, anything else the text of every language.
func (l Localized) Set(v string) error {
	if lang, text, ok := strings.Cut(v, "="); ok && KnownLang(lang) {
		l[lang] = text
		return nil
	}
	l[""] = v
	return nil
}

// String is the flag's value as it would be given again.
func (l Localized) String() string {
	var parts []string
	for _, lang := range slices.Sorted(maps.Keys(l)) {
		if lang == "" {
			parts = append(parts, l[lang])
		} else {
			parts = append(parts, lang+"="+l[lang])
		}
	}
	return strings.Join(parts, "; ")
}

// languageLabel names one of a Localized text's languages in a fault.
func languageLabel(lang string) string {
	if lang == "" {
		return "(every language)"
	}
	return "in " + lang
}

// luminance is the relative luminance of a colour written #rrggbb (WCAG 2.2).
func luminance(hexColour string) (float64, bool) {
	if len(hexColour) != 7 || hexColour[0] != '#' {
		return 0, false
	}
	var ch [3]float64
	for i := range ch {
		v, err := strconv.ParseUint(hexColour[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return 0, false
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			ch[i] = c / 12.92
		} else {
			ch[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*ch[0] + 0.7152*ch[1] + 0.0722*ch[2], true
}

// addIdentity adds the identity's generated stylesheet and its emblem to
// the static files, under content-hashed URLs like every other asset: the
// page's Content-Security-Policy allows no inline style.
func (a *assets) addIdentity(id Identity) {
	if id.Primary != "" {
		a.add("identity.css", []byte("/* the site's configured colour */\n:root { --accent: "+strings.ToLower(id.Primary)+"; }\n"))
	}
	if len(id.Emblem) > 0 {
		a.add("emblem"+strings.ToLower(path.Ext(id.EmblemName)), id.Emblem)
	}
}

// add serves b as the static file name under a content-hashed URL.
func (a *assets) add(name string, b []byte) {
	sum := sha256.Sum256(b)
	ext := path.Ext(name)
	u := "/static/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
	a.url[name], a.files[u] = u, b
}

// SiteName is the site's name in the reader's language: the configured
// name, or the catalogue's.
func (v *View) SiteName() string {
	if n := v.s.Cfg.Identity.Name.In(v.Lang); n != "" {
		return n
	}
	return v.T("site.name")
}

// SiteShortName is the site's name for narrow places: the configured short
// name, or SiteName.
func (v *View) SiteShortName() string {
	if n := v.s.Cfg.Identity.ShortName.In(v.Lang); n != "" {
		return n
	}
	return v.SiteName()
}

// Identity is the site's configured identity, for the header and footer.
func (v *View) Identity() Identity { return v.s.Cfg.Identity }

// SiteFooter is the configured footer line in the reader's language, ""
// when none is set.
func (v *View) SiteFooter() string { return v.s.Cfg.Identity.Footer.In(v.Lang) }

// Emblem is the URL of the configured emblem, "" when there is none.
func (v *View) Emblem() string {
	id := v.s.Cfg.Identity
	if len(id.Emblem) == 0 {
		return ""
	}
	return v.s.assets.url["emblem"+strings.ToLower(path.Ext(id.EmblemName))]
}
