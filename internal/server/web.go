package server

import (
	"embed"
	"io/fs"
	"net/http"
)

// web holds the workbench: plain HTML, CSS and JavaScript, and the graph view
// library it draws with (web/vendor, with its licence), so that nothing is fetched
// from elsewhere when it runs.
//
//go:embed web
var web embed.FS

// webHandler serves the workbench. Its files hold no data of the graph, so they
// need no token; the page asks for one when the API does.
func webHandler() http.Handler {
	root, err := fs.Sub(web, "web")
	if err != nil {
		panic(err) // the embedded tree always has web/
	}
	files := http.FileServerFS(root)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		files.ServeHTTP(w, r)
	})
}
