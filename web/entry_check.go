package web

import "net/http"

func (s *Server) entryCheck(w http.ResponseWriter, r *http.Request)    { s.notFound(w, r) }
func (s *Server) apiEntryCheck(w http.ResponseWriter, r *http.Request) { s.notFound(w, r) }
func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request)    { s.notFound(w, r) }
