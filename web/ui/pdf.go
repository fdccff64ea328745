package ui

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/chancery-platform/chancery/seal"
)

// WritePDF sends a document's PDF as a download named for its reference
// and result.
func WritePDF(w http.ResponseWriter, d seal.Document, pdf []byte) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", "attachment; filename=\""+url.PathEscape(strings.ReplaceAll(d.Reference, "-", ""))+"-"+d.Result+".pdf\"")
	w.Write(pdf)
}
