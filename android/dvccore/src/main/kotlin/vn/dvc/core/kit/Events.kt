package vn.dvc.core.kit

import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.channels.trySendBlocking
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.channels.BufferOverflow
import vn.dvc.core.DvcCore
import vn.dvc.core.model.CoreEvent
import vn.dvc.core.model.CoreListener

/**
 * The core's changes as a cold [Flow]: collecting subscribes, and the
 * subscription is cancelled when the collector stops. Events are kept in
 * order; a collector that falls far behind sees the oldest dropped, never
 * the core blocked.
 */
fun DvcCore.events(): Flow<CoreEvent> = callbackFlow {
    val subscription = subscribe(object : CoreListener {
        override fun onEvent(event: CoreEvent) {
            trySendBlocking(event)
        }
    })
    awaitClose { subscription.cancel() }
}.buffer(capacity = 256, onBufferOverflow = BufferOverflow.DROP_OLDEST)
