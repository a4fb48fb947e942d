package io.marketdata.lifecycle.tokens;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.hibernate.annotations.DynamicUpdate;

/** A row of {@code lifecycle.pools}: a DEX pool of a token as last seen in {@code token.metrics}. */
@Entity
@Table(name = "pools", schema = "lifecycle")
@IdClass(Pool.Key.class)
@DynamicUpdate
public class Pool extends PanacheEntityBase {

    @Id
    @Column(name = "mint")
    public String mint;
    @Id
    @Column(name = "address")
    public String address;
    @Column(name = "dex")
    public String dex;
    /** {@code text[]}. */
    @Column(name = "labels")
    public String[] labels;
    @Column(name = "liquidity_usd")
    public Double liquidityUsd;
    @Column(name = "quote_symbol")
    public String quoteSymbol;
    @Column(name = "quote_address")
    public String quoteAddress;
    @Column(name = "price_usd")
    public Double priceUsd;
    /** False for bonding curves. */
    @Column(name = "tradeable")
    public boolean tradeable;
    /** Present in the latest snapshot. */
    @Column(name = "active")
    public boolean active;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;

    public PoolView view() {
        return new PoolView(address, dex, labels == null ? java.util.List.of() : Arrays.asList(labels), liquidityUsd,
                quoteSymbol, quoteAddress, priceUsd, tradeable, active, firstSeen.toEpochMilli(), lastSeen.toEpochMilli());
    }

    /** The primary key {@code (mint, address)}. */
    public static class Key implements Serializable {
        public String mint;
        public String address;

        public Key() {
        }

        public Key(String mint, String address) {
            this.mint = mint;
            this.address = address;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(mint, k.mint) && Objects.equals(address, k.address);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mint, address);
        }
    }
}
