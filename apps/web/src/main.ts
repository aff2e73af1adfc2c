import { createApp } from 'vue';
import App from './app/App.vue';
import { createApolloClient } from './app/apollo';
import { createAppRouter } from './app/router';
import { provideApolloClient } from './shared/composables/apollo-client';
import './app/styles.css';

const client = createApolloClient();
const app = createApp(App);
provideApolloClient(app, client);
app.use(createAppRouter(client));
app.mount('#app');
