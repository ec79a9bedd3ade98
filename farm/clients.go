package farm

// Clients of the node's API. The node owner holds the admin token
// (NodeConfig.APIToken, or none on a loopback-only node, where every local
// user is the owner, as before tokens per client). The owner makes a token
// per client (a studio, a pipeline); each client sees and manages only the
// jobs it submitted and the blobs it uploaded. Tokens are kept as their
// sha256 only: the store file never gives one away.

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/store"
)

// caller is who sent a client-API request: a named client, or the owner
// (admin and no name) with the node's own token.
type caller struct {
	name  string
	admin bool
}

type callerKey struct{}

// String names the caller in messages and as the key of its budgets.
func (c caller) String() string {
	if c.name == "" {
		return "the node's owner"
	}
	return "client " + strconv.Quote(c.name)
}

// callerOf returns the request's caller as authenticate found it.
func callerOf(r *http.Request) caller {
	who, _ := r.Context().Value(callerKey{}).(caller)
	return who
}

// clients knows the tokens of the node's API clients.
type clients struct {
	store *store.Store
	owner []byte // the node's own token (NodeConfig.APIToken); nil: none

	mu     sync.Mutex                    // held for map reads and writes only, never over the disk
	byHash map[string]store.ClientRecord // hex sha256 of the token -> client

	writes sync.Mutex // orders creates and revokes, over their disk writes
	claims sync.Mutex // see claimJob
}

func newClients(st *store.Store, ownerToken string) (*clients, error) {
	recs, err := st.Clients()
	if err != nil {
		return nil, fmt.Errorf("load API clients: %w", err)
	}
	c := &clients{store: st, byHash: make(map[string]store.ClientRecord)}
	if ownerToken != "" {
		c.owner = []byte(ownerToken)
	}
	for _, r := range recs {
		c.byHash[r.TokenHash] = r
	}
	return c, nil
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Errors of the token routes.
var (
	errUnauthorized = errors.New("unauthorized")
	errClientExists = errors.New("client exists")
	errNoClient     = errors.New("no such client")
	errClientName   = errors.New("bad client name")
)

// identify returns the caller an Authorization header names.
func (c *clients) identify(header string) (caller, error) {
	if header == "" {
		if c.owner == nil {
			return caller{admin: true}, nil // a loopback-only node: the local user owns it
		}
		return caller{}, fmt.Errorf("%w: this node's API needs a token: pass --token or set CONUN_TOKEN", errUnauthorized)
	}
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok || token == "" {
		return caller{}, fmt.Errorf(`%w: the Authorization header must be "Bearer TOKEN"`, errUnauthorized)
	}
	if c.owner != nil && subtle.ConstantTimeCompare([]byte(token), c.owner) == 1 {
		return caller{admin: true}, nil
	}
	c.mu.Lock()
	rec, ok := c.byHash[tokenHash(token)] // a lookup by hash tells a timing attacker nothing about the token
	c.mu.Unlock()
	if !ok {
		return caller{}, fmt.Errorf("%w: this token is not one of this node's (revoked?): ask the node's owner for one (conun token create)", errUnauthorized)
	}
	return caller{name: rec.Name, admin: rec.Admin}, nil
}

// validClientName is what a client may be called: it shows in listings and
// paths, so no spaces, slashes or control characters.
var validClientName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// create makes a client's token and returns it, the one time it is shown.
func (c *clients) create(req api.TokenRequest, created time.Time) (api.ClientToken, error) {
	if !validClientName.MatchString(req.Name) {
		return api.ClientToken{}, fmt.Errorf("%w %q: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit", errClientName, req.Name)
	}
	var b [24]byte
	rand.Read(b[:])
	out := api.ClientToken{Name: req.Name, Admin: req.Admin, Created: created, Token: "ct_" + hex.EncodeToString(b[:])}
	rec := store.ClientRecord{Name: out.Name, TokenHash: tokenHash(out.Token), Admin: out.Admin, Created: out.Created}
	c.writes.Lock()
	defer c.writes.Unlock() // two creates of one name cannot both win
	if _, ok := c.byName(req.Name); ok {
		return api.ClientToken{}, fmt.Errorf("%w: %q already has a token: revoke it first (conun token revoke %s)", errClientExists, req.Name, req.Name)
	}
	if err := <-c.store.PutClient(rec); err != nil {
		return api.ClientToken{}, fmt.Errorf("record client %s: %w", req.Name, err)
	}
	c.mu.Lock()
	c.byHash[rec.TokenHash] = rec
	c.mu.Unlock()
	return out, nil
}

// revoke deletes a client's token. It is refused from the next request on,
// even while the deletion is being written.
func (c *clients) revoke(name string) error {
	c.writes.Lock()
	defer c.writes.Unlock()
	rec, ok := c.byName(name)
	if !ok {
		return fmt.Errorf("%w: %q", errNoClient, name)
	}
	c.mu.Lock()
	delete(c.byHash, rec.TokenHash)
	c.mu.Unlock()
	if err := <-c.store.DeleteClient(name); err != nil {
		c.mu.Lock()
		c.byHash[rec.TokenHash] = rec // still on disk: it would be back after a restart
		c.mu.Unlock()
		return fmt.Errorf("revoke %s: %w", name, err)
	}
	return nil
}

func (c *clients) byName(name string) (store.ClientRecord, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range c.byHash {
		if r.Name == name {
			return r, true
		}
	}
	return store.ClientRecord{}, false
}

// list returns the clients by name, without tokens.
func (c *clients) list() []api.ClientToken {
	c.mu.Lock()
	out := make([]api.ClientToken, 0, len(c.byHash))
	for _, r := range c.byHash {
		out = append(out, api.ClientToken{Name: r.Name, Admin: r.Admin, Created: r.Created})
	}
	c.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// authenticate finds each client-API request's caller and refuses those
// without a valid token. Node-to-node RPC under /rpc/ passes: other nodes
// have no token, they sign their requests instead.
func (n *Node) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/rpc/") {
			next.ServeHTTP(rw, r)
			return
		}
		who, err := n.clients.identify(r.Header.Get("Authorization"))
		if err != nil {
			httpError(rw, http.StatusUnauthorized, err)
			return
		}
		next.ServeHTTP(rw, r.WithContext(context.WithValue(r.Context(), callerKey{}, who)))
	})
}

// adminOnly refuses callers other than the node's admins: tokens, and the
// node's own money (its wallet, its disputes, which post its bond).
func adminOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		if !callerOf(r).admin {
			httpError(rw, http.StatusForbidden, fmt.Errorf("%s %s is for the node's admin token only", r.Method, r.URL.Path))
			return
		}
		h(rw, r)
	}
}

func (n *Node) postToken(rw http.ResponseWriter, r *http.Request) {
	var req api.TokenRequest
	dec := json.NewDecoder(http.MaxBytesReader(rw, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		httpError(rw, http.StatusBadRequest, fmt.Errorf("token request: %w", err))
		return
	}
	tok, err := n.clients.create(req, n.cfg.Now().UTC())
	switch {
	case errors.Is(err, errClientExists):
		httpError(rw, http.StatusConflict, err)
	case errors.Is(err, errClientName):
		httpError(rw, http.StatusBadRequest, err)
	case err != nil:
		httpError(rw, statusOf(err), err)
	default:
		n.cfg.Logger.Info("API client token made", "client", tok.Name, "admin", tok.Admin)
		rw.WriteHeader(http.StatusCreated)
		writeJSON(rw, tok)
	}
}

func (n *Node) getTokens(rw http.ResponseWriter, r *http.Request) {
	writeJSON(rw, n.clients.list())
}

func (n *Node) deleteToken(rw http.ResponseWriter, r *http.Request) {
	err := n.clients.revoke(r.PathValue("name"))
	switch {
	case errors.Is(err, errNoClient):
		httpError(rw, http.StatusNotFound, err)
	case err != nil:
		httpError(rw, http.StatusInternalServerError, err)
	default:
		n.cfg.Logger.Info("API client token revoked", "client", r.PathValue("name"))
		writeJSON(rw, map[string]string{"revoked": r.PathValue("name")})
	}
}
