// CDK entry: one environment-agnostic stack, so `cdk synth` needs neither credentials nor lookups.
import { App } from 'aws-cdk-lib';
import { KompisStack } from './kompis-stack.js';

const app = new App();
new KompisStack(app, 'Kompis', {
  description: 'Kompis: an email-first goal coach',
});
app.synth();
