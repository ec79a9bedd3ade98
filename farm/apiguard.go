package farm

import (
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// guardClientAPI refuses the client-API requests a web page in the user's
// browser could make: the API listens on loopback without a token, so
// anything the browser sends there would otherwise act as the user.
//
//   - DNS rebinding: a page on evil.example whose name is re-pointed at
//     127.0.0.1 reaches the API with "Host: evil.example"; only the node's
//     own names are served.
//   - Cross-site requests: a page may POST text/plain or form-encoded bodies
//     (and bodyless POSTs) to any address without the browser asking first;
//     requiring Content-Type application/json makes every such request one
//     the browser must ask about (a CORS preflight), and the node never
//     answers with CORS headers, so the browser never sends it. A request
//     with a foreign Origin is refused outright.
//
// Blob PUTs must say application/octet-stream, what the client sends: a
// PUT is never sent cross-site without a preflight, and the check keeps a
// typo'd client from storing a form as a scene.
//
// With a token (the API off loopback) the Host and Origin checks are
// skipped: a browser cannot attach the token by itself, and clients on other
// machines reach the node under names it cannot know.
func (n *Node) guardClientAPI(next http.HandlerFunc) http.HandlerFunc {
	hosts := n.apiHosts()
	return func(rw http.ResponseWriter, r *http.Request) {
		if n.cfg.APIToken == "" {
			if !hosts[strings.ToLower(r.Host)] {
				httpError(rw, http.StatusForbidden, fmt.Errorf("host %q is not this node's API (use %s): requests to other names are refused (DNS rebinding)", r.Host, n.url))
				return
			}
			if o := r.Header.Get("Origin"); o != "" && !sameOrigin(o, hosts) {
				httpError(rw, http.StatusForbidden, fmt.Errorf("origin %q: cross-site requests to the node's API are refused", o))
				return
			}
		}
		want := ""
		switch r.Method {
		case http.MethodPost:
			want = "application/json"
		case http.MethodPut:
			want = "application/octet-stream"
		}
		if want != "" {
			if got, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || got != want {
				httpError(rw, http.StatusUnsupportedMediaType, fmt.Errorf("%s %s needs Content-Type: %s, not %q (requests a web page can send cross-site are refused)",
					r.Method, r.URL.Path, want, r.Header.Get("Content-Type")))
				return
			}
		}
		next(rw, r)
	}
}

// apiHosts returns the Host values (lower case) that name this node's API:
// the loopback names with its port, the address it listens on, and the
// --api address as configured (which may be a name, "localhost:8080").
func (n *Node) apiHosts() map[string]bool {
	hosts := map[string]bool{}
	listen := strings.TrimPrefix(n.url, "http://")
	_, port, err := net.SplitHostPort(listen)
	if err != nil {
		return hosts // no address: nothing is this node's
	}
	names := []string{
		listen,
		net.JoinHostPort("127.0.0.1", port),
		net.JoinHostPort("localhost", port),
		net.JoinHostPort("::1", port),
	}
	if h, p, err := net.SplitHostPort(n.cfg.APIAddr); err == nil && p == port && h != "" {
		names = append(names, net.JoinHostPort(h, p))
	}
	for _, name := range names {
		hosts[strings.ToLower(name)] = true
		if port == "80" { // a browser and curl leave the default port out
			hosts[strings.ToLower(strings.TrimSuffix(name, ":80"))] = true
		}
	}
	return hosts
}

// sameOrigin reports whether a browser's Origin header names this node's
// API ("http://127.0.0.1:8080"): the node's own pages, were it to serve any.
func sameOrigin(origin string, hosts map[string]bool) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Scheme == "http" && hosts[strings.ToLower(u.Host)]
}
