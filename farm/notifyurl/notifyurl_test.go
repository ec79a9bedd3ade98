package notifyurl

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in     string
		allowPrivate bool
		want         string // "" when refused
		why          string // a word the refusal names
	}{
		{"https", "https://hooks.example.com/conun?k=1", false, "https://hooks.example.com/conun?k=1", ""},
		{"http with port", "http://203.0.113.7:8080/hook", false, "http://203.0.113.7:8080/hook", ""},
		{"ipv6 public", "http://[2001:db8::1]:9000/", false, "http://[2001:db8::1]:9000/", ""},
		{"loopback", "http://127.0.0.1:8545/", false, "", "loopback"},
		{"loopback allowed", "http://127.0.0.1:8545/", true, "http://127.0.0.1:8545/", ""},
		{"ipv6 loopback", "http://[::1]/", false, "", "loopback"},
		{"mapped loopback", "http://[::ffff:127.0.0.1]/", false, "", "loopback"},
		{"metadata service", "http://169.254.169.254/latest/meta-data/", false, "", "link-local"},
		{"private", "http://10.1.2.3/", false, "", "private"},
		{"cgnat", "http://100.64.1.1/", false, "", "private"},
		{"zero network", "http://0.1.2.3/", false, "", "private"},
		{"unspecified even allowed", "http://0.0.0.0:80/", true, "", "not a host"},
		{"ftp", "ftp://example.com/x", false, "", "scheme"},
		{"file", "file:///etc/passwd", false, "", "scheme"},
		{"no host", "http:///path", false, "", "no host"},
		{"opaque", "http:example.com", false, "", "no host"},
		{"userinfo", "https://user:pw@example.com/", false, "", "userinfo"},
		{"fragment", "https://example.com/#x", false, "", "fragment"},
		{"port zero", "http://example.com:0/", false, "", "port"},
		{"port too big", "http://example.com:70000/", false, "", "port"},
		{"whitespace", "http://example.com/a b", false, "", "whitespace"},
		{"too long", "https://example.com/" + strings.Repeat("a", maxLen), false, "", "bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.in, tc.allowPrivate)
			if tc.want != "" {
				if err != nil || got != tc.want {
					t.Fatalf("Parse(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrBad) || !strings.Contains(err.Error(), tc.why) {
				t.Fatalf("Parse(%q) = %q, %v; want a refusal naming %q", tc.in, got, err, tc.why)
			}
		})
	}
}

// TestClientRefusesPrivateTargets: a hostname that resolves to loopback
// passes Parse, but the dial is refused, so a receiver on the node's own
// machine gets nothing; with private targets allowed it gets the post.
func TestClientRefusesPrivateTargets(t *testing.T) {
	var hits atomic.Int64
	victim := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer victim.Close()
	u, _ := url.Parse(victim.URL)
	target := "http://localhost:" + u.Port() + "/internal"
	if _, err := Parse(target, false); err != nil {
		t.Fatalf("Parse(%q): %v (a hostname is checked at the dial)", target, err)
	}
	tests := []struct {
		name         string
		allowPrivate bool
		hits         int64
	}{
		{"refused", false, 0},
		{"allowed by the owner", true, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits.Store(0)
			resp, err := Client(tc.allowPrivate, 5*time.Second).Post(target, "application/json", strings.NewReader("{}"))
			if err == nil {
				resp.Body.Close()
			}
			if got := hits.Load(); got != tc.hits || (tc.hits == 0) != (err != nil) {
				t.Fatalf("post to %s: err %v, the receiver got %d requests; want %d", target, err, got, tc.hits)
			}
			if err != nil && !errors.Is(err, ErrBad) {
				t.Fatalf("refusal %v does not say why", err)
			}
		})
	}
}

// TestClientFollowsNoRedirect: a public-looking receiver cannot bounce the
// node to another target with a redirect.
func TestClientFollowsNoRedirect(t *testing.T) {
	var hits atomic.Int64
	inner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer inner.Close()
	outer := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inner.URL, http.StatusTemporaryRedirect)
	}))
	defer outer.Close()
	resp, err := Client(true, 5*time.Second).Post(outer.URL, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTemporaryRedirect || hits.Load() != 0 {
		t.Fatalf("status %d, redirect target hit %d times: want the redirect answered, not followed", resp.StatusCode, hits.Load())
	}
}

// FuzzParse: any string is refused or yields a URL that parses again to
// itself, with an http(s) scheme and a host.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"https://example.com/hook", "http://127.0.0.1:1/", "http://[::ffff:10.0.0.1]/", "https://a@b/", "http://x:65535/p?q=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s, false)
		if err != nil {
			return
		}
		u, err := url.Parse(got)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" || u.User != nil {
			t.Fatalf("Parse(%q) accepted %q: %v", s, got, err)
		}
		if again, err := Parse(got, false); err != nil || again != got {
			t.Fatalf("Parse(%q) = %q, but that parses to %q, %v", s, got, again, err)
		}
	})
}
