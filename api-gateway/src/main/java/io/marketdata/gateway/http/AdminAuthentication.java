package io.marketdata.gateway.http;

import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>} for quarkus-security. Authentication is lazy
 * ({@code quarkus.http.auth.proactive=false}): it only runs when the matched resource method is
 * {@code @RolesAllowed(AdminAuthentication.ROLE)}, so whatever spelling of the path reached that
 * method, the check is the method's, never the raw path's. A request without the header stays
 * anonymous; the 401/503 bodies are written by {@link ExceptionMappers}.
 */
@ApplicationScoped
public class AdminAuthentication implements HttpAuthenticationMechanism {

    public static final String ROLE = "admin";
    public static final String CHALLENGE = "Bearer realm=\"marketdata-admin\"";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext ctx, IdentityProviderManager identities) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        String given = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(given, "bearer"));
        HttpSecurityUtils.setRoutingContextAttribute(request, ctx);
        return identities.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext ctx) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext ctx) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
