package dev.rewards.gateway;

import dev.rewards.web.ServiceConventionsContract;

class GatewayServiceConventionsTests extends ServiceConventionsContract {
}
