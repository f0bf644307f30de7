package io.lem.load;

import io.lem.client.PromptRequest;

/** Builds the request for one arrival (picks the prompt; a replayed trace's token lengths are on the arrival). */
@FunctionalInterface
public interface RequestFactory {

    PromptRequest create(Arrival arrival);
}
