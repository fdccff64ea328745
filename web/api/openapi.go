package api

import (
	_ "embed"
	"net/http"
)

// openAPI describes the JSON API; TestOpenAPIDescribesEveryEndpoint keeps it
// and the routes in step.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(openAPI)
}
