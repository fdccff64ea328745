package ui

import (
	"net/http"
	"strings"
)

// ApplicationExport sends what the mission holds about an application, as
// a zip archive, to whoever holds its private link (the page's link and
// GET /api/v1/applications/{reference}/export alike). A wrong token or
// reference fails before anything is sent; the archive is streamed.
func (s *Server) ApplicationExport(w http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("reference")
	out := &lazyDownload{w: w, name: "case-" + strings.ReplaceAll(ref, "-", "") + ".zip", kind: "application/zip"}
	if err := s.Apps.Export(r.Context(), ref, BookingToken(r), out); err != nil {
		if !out.started {
			s.Fail(w, r, err)
			return
		}
		s.Log.Error("application export broke off", "reference", ref, "err", err)
	}
}

// lazyDownload sets a download's headers at its first byte, so that a
// failure before it is answered as an error page.
type lazyDownload struct {
	w          http.ResponseWriter
	name, kind string
	started    bool
}

func (d *lazyDownload) Write(p []byte) (int, error) {
	if !d.started {
		d.started = true
		h := d.w.Header()
		h.Set("Content-Type", d.kind)
		h.Set("Content-Disposition", `attachment; filename="`+d.name+`"`)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
	}
	return d.w.Write(p)
}
