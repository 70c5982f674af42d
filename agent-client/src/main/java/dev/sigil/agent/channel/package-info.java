/**
 * The agent's connection to the Sigil server, outbound only: for now the HTTP calls of
 * registration, token minting, the agent's own record and key rotation.
 *
 * <p>Requirements:
 *
 * <ul>
 *   <li>H1.1 Every call goes to {@code {server}/api/v1/agents/...} with the JDK {@link
 *       java.net.http.HttpClient}; redirects are not followed, so a bearer token or registration
 *       token is never sent to a host other than the configured one.
 *   <li>H1.2 A failure is a {@link dev.sigil.agent.channel.ChannelException} whose kind tells
 *       unreachable (no HTTP answer), rejected (4xx), rate-limited (429, with {@code Retry-After}),
 *       failed (5xx or an answer that breaks the contract) and misdirected (3xx).
 *   <li>H1.3 Its message is one line that names the call and the HTTP status and carries the
 *       server's explanation: {@code title: detail} of {@code application/problem+json} (RFC 9457),
 *       {@code error: error_description} of an OAuth error (RFC 6749 §5.2), else at most a short
 *       plain-text body. It never holds a request body or a token.
 *   <li>H1.4 Diagnostics go to {@link System.Logger} at DEBUG: method, URL, status, never bodies or
 *       headers.
 * </ul>
 *
 * <p>Decisions: JSON through Nimbus's bundled {@code JSONObjectUtils}, as Nimbus is on the class
 * path anyway for the JWTs. Timestamps are kept as the server's strings: the agent only shows them.
 *
 * <p>Uses no other component; the caller passes signed assertions in.
 */
package dev.sigil.agent.channel;
