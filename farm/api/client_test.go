package api

import "testing"

// TestNewClientBaseURL: --node takes a URL, or HOST:PORT as conun node's
// --api prints it; the latter once failed every request with "first path
// segment in URL cannot contain colon".
func TestNewClientBaseURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080"},
		{"https://farm.example:8443", "https://farm.example:8443"},
		{"127.0.0.1:18080", "http://127.0.0.1:18080"},
		{"[::1]:8080", "http://[::1]:8080"},
		{"studio-node:8080/", "http://studio-node:8080"},
	} {
		if got := NewClient(tc.in).BaseURL; got != tc.want {
			t.Errorf("NewClient(%q).BaseURL = %q, want %q", tc.in, got, tc.want)
		}
	}
}
