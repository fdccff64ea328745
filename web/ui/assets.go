package ui

import (
	"embed"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var staticFiles embed.FS

// assets maps each static file to a URL that carries a hash of its content,
// so browsers may cache it forever and still see every change.
type assets struct {
	url   map[string]string // "style.css" -> "/static/style.1a2b3c4d.css"
	files map[string][]byte // "/static/style.1a2b3c4d.css" -> content
}

func loadAssets() (assets, error) {
	a := assets{url: map[string]string{}, files: map[string][]byte{}}
	err := fs.WalkDir(staticFiles, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFiles.ReadFile(p)
		if err != nil {
			return err
		}
		a.add(strings.TrimPrefix(p, "static/"), b)
		return nil
	})
	return a, err
}

func (s *Server) ServeAsset(w http.ResponseWriter, r *http.Request) {
	b, ok := s.assets.files[r.URL.Path]
	if !ok {
		s.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(r.URL.Path)))
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(b)
}

// ServeFavicon answers /favicon.ico, which browsers and crawlers ask for
// whatever the page links, with the site's icon (static/favicon.svg, an
// SVG whatever the name says).
func (s *Server) ServeFavicon(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(s.assets.files[s.assets.url["favicon.svg"]])
}
