package io.marketdata.emulator.binance.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketdata.emulator.market.Instrument;
import io.marketdata.emulator.market.MarketModel;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open stream connections, their subscriptions, and one {@link DepthFeed} per subscribed
 * instrument; plus the per-venue stream faults the admin API sets. The WebSocket endpoints call in
 * on connection events, {@link DepthEventSender} reads the feeds, the admin API injects faults.
 */
@ApplicationScoped
public class StreamHub {

    /** Streams one connection may carry (Binance's documented limit). */
    static final int MAX_STREAMS_PER_CONNECTION = 1024;
    /** Binance closes a connection that asks for its 1025th stream with 1008 "Invalid request". */
    static final int CLOSE_POLICY_VIOLATION = 1008;
    static final String CLOSE_INVALID_REQUEST = "Invalid request";
    /** Close code of an injected drop: the server is going away, clients are expected to reconnect. */
    static final int CLOSE_GOING_AWAY = 1001;

    /** Counters and fault state of one venue's streams, as the admin API reports them. */
    public record Stats(int connections, int subscriptions, long eventsSent, long gapsInjected, boolean silent) {
    }

    @Inject
    MarketModel model;

    @Inject
    ObjectMapper mapper;

    private final Map<String, StreamSession> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Instrument, DepthFeed> feeds = new ConcurrentHashMap<>();
    private final Map<StreamVenue, VenueStreamState> states = new EnumMap<>(StreamVenue.class);
    private StreamRequests requests;

    public StreamHub() {
        for (StreamVenue v : StreamVenue.values()) {
            states.put(v, new VenueStreamState());
        }
    }

    @PostConstruct
    void init() {
        requests = new StreamRequests(this, mapper);
    }

    // ---- connections (called by the endpoints on the connection's event loop) -----------------

    /** Registers a connection with the streams named in its URL; over the limit it is closed like Binance does. */
    Uni<Void> open(WebSocketConnection connection, StreamVenue venue, boolean combined, List<String> streams) {
        StreamSession session = new StreamSession(connection, venue, combined, Vertx.currentContext());
        sessions.put(connection.id(), session);
        List<String> names = streams.stream().filter(StreamNames::plausible).toList();
        if (subscribe(session, names) == null) {
            session.close(CLOSE_POLICY_VIOLATION, CLOSE_INVALID_REQUEST);
        }
        return Uni.createFrom().voidItem();
    }

    /** Answers a SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS / … request. */
    Uni<Void> request(WebSocketConnection connection, String text) {
        StreamSession session = sessions.get(connection.id());
        if (session == null) {
            return Uni.createFrom().voidItem();
        }
        StreamRequests.Reply reply = requests.handle(session, text);
        Uni<Void> sent = session.send(reply.text());
        if (reply.closeAfter()) {
            return sent.onItemOrFailure()
                    .invoke((ok, failure) -> session.close(CLOSE_POLICY_VIOLATION, CLOSE_INVALID_REQUEST));
        }
        return sent;
    }

    void close(WebSocketConnection connection) {
        StreamSession session = sessions.remove(connection.id());
        if (session != null) {
            leaveFeeds(session, session.removeAll());
        }
    }

    // ---- subscriptions ------------------------------------------------------------------------

    /** Subscribes {@code session} to {@code names}; null (and nothing subscribed) when over the limit. */
    List<String> subscribe(StreamSession session, List<String> names) {
        List<String> added = session.add(names, MAX_STREAMS_PER_CONNECTION);
        if (added == null) {
            return null;
        }
        for (String name : added) {
            Instrument i = StreamNames.depthInstrument(model, session.venue(), name);
            if (i == null) {
                continue;
            }
            // compute() is atomic per instrument, so a feed is never retired while being joined.
            feeds.compute(i, (k, feed) -> {
                DepthFeed f = feed != null ? feed : new DepthFeed(i, session.venue(), model.currentTick());
                f.subscribers().add(new Subscription(session, name));
                return f;
            });
        }
        return added;
    }

    void unsubscribe(StreamSession session, List<String> names) {
        leaveFeeds(session, session.remove(names));
    }

    private void leaveFeeds(StreamSession session, List<String> removed) {
        for (String name : removed) {
            Instrument i = StreamNames.depthInstrument(model, session.venue(), name);
            DepthFeed feed = i == null ? null : feeds.get(i);
            if (feed != null) {
                feed.subscribers().remove(new Subscription(session, name));
            }
        }
    }

    // ---- for the sender -----------------------------------------------------------------------

    Collection<DepthFeed> feeds() {
        return feeds.values();
    }

    VenueStreamState state(StreamVenue venue) {
        return states.get(venue);
    }

    /** Forgets a feed nobody listens to any more (a later subscription starts a fresh one). */
    void retire(DepthFeed feed) {
        feeds.computeIfPresent(feed.instrument(), (k, f) -> f.idle() ? null : f);
    }

    // ---- admin --------------------------------------------------------------------------------

    /** Withholds the next event of {@code instrument} from everyone. */
    public void gap(StreamVenue venue, Instrument instrument) {
        state(venue).requestGap(instrument);
    }

    /** Withholds the next event of every instrument of the venue currently streamed; returns their symbols. */
    public List<String> gapAll(StreamVenue venue) {
        List<String> symbols = new ArrayList<>();
        for (DepthFeed feed : feeds.values()) {
            if (feed.venue() == venue && !feed.idle()) {
                state(venue).requestGap(feed.instrument());
                symbols.add(feed.instrument().nativeId());
            }
        }
        symbols.sort(null);
        return symbols;
    }

    /** Closes every open connection of the venue; returns how many. */
    public int drop(StreamVenue venue) {
        int n = 0;
        for (StreamSession s : sessions.values()) {
            if (s.venue() == venue) {
                s.close(CLOSE_GOING_AWAY, "Connection dropped by the emulator");
                n++;
            }
        }
        return n;
    }

    public void silence(StreamVenue venue, boolean silent) {
        if (silent) {
            state(venue).silence();
        } else {
            state(venue).unsilence(model.currentTick());
        }
    }

    public Stats stats(StreamVenue venue) {
        int connections = 0;
        int subscriptions = 0;
        for (StreamSession s : sessions.values()) {
            if (s.venue() == venue) {
                connections++;
                subscriptions += s.streamCount();
            }
        }
        VenueStreamState st = state(venue);
        return new Stats(connections, subscriptions, st.eventsSent(), st.gapsInjected(), st.silent());
    }

    /** Zeroes events_sent and gaps_injected (connections and subscriptions are live state). */
    public void resetCounters() {
        states.values().forEach(VenueStreamState::resetCounters);
    }
}
