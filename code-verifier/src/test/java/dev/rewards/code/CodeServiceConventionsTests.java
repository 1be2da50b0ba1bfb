package dev.rewards.code;

import dev.rewards.web.ServiceConventionsContract;

class CodeServiceConventionsTests extends ServiceConventionsContract {
}
