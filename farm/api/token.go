package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"time"
)

// ClientToken is a client of a node's API, as the admin's token routes show
// it. Token is set only in the answer that creates it: the node keeps its
// sha256 alone, so it can never show it again.
type ClientToken struct {
	Name    string    `json:"name"`
	Admin   bool      `json:"admin,omitempty"`
	Created time.Time `json:"created"`
	Token   string    `json:"token,omitempty"`
}

// TokenRequest is the body of POST /v1/tokens.
type TokenRequest struct {
	// Name names the client (a studio, a pipeline): letters, digits, '.',
	// '_' and '-', at most 64.
	Name string `json:"name"`
	// Admin makes a token that sees and manages every client's jobs.
	Admin bool `json:"admin,omitempty"`
}

// CreateToken makes a token for a new client (admin only); the answer
// carries the token, shown this once.
func (c *Client) CreateToken(ctx context.Context, req TokenRequest) (ClientToken, error) {
	b, err := json.Marshal(req)
	if err != nil {
		return ClientToken{}, err
	}
	var out ClientToken
	err = c.do(ctx, http.MethodPost, "/v1/tokens", bytes.NewReader(b), &out)
	return out, err
}

// Tokens lists the node's clients (admin only), without their tokens.
func (c *Client) Tokens(ctx context.Context) ([]ClientToken, error) {
	out := []ClientToken{}
	err := c.do(ctx, http.MethodGet, "/v1/tokens", nil, &out)
	return out, err
}

// RevokeToken deletes a client's token (admin only): the node refuses it
// from then on. The client's jobs stay, visible to the admin.
func (c *Client) RevokeToken(ctx context.Context, name string) error {
	return c.do(ctx, http.MethodDelete, "/v1/tokens/"+url.PathEscape(name), nil, nil)
}
