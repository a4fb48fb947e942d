package io.marketdata.gateway.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.marketdata.gateway.support.StubServices;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(StubServices.class)
class VersionResourceTest {

    @Test
    void versionNamesTheGatewayAndCarriesARequestId() {
        given().header("X-Request-Id", "abc-123").get("/version").then().statusCode(200)
                .header("X-Request-Id", "abc-123")
                .body("name", equalTo("api-gateway"))
                .body("uptime_ms", greaterThanOrEqualTo(0))
                .body("started_at", notNullValue());
    }

    @Test
    void unknownRouteIsJson404WithRequestId() {
        given().get("/api/nothing-here").then().statusCode(404)
                .body("error", equalTo("not_found"))
                .body("status", equalTo(404))
                .body("request_id", notNullValue());
    }
}
