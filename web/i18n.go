package web

import "github.com/chancery-platform/chancery/web/ui"

// Languages are the product's languages; English is the fallback.
var Languages = ui.Languages

// ErrorText writes a client error in English for the command line.
func ErrorText(err error) string { return ui.ErrorText(err) }
