import { mount } from 'svelte';
import './style/theme.css';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
